{#-
    Places each complaint in a tambon. The area text matched by ingest wins ('text'), if its code
    is a Saraburi tambon; reports without it (Traffy pins) take the tambon whose polygon contains
    their GPS point ('gps').
    Complaints with neither keep a NULL tambon_code: fct_complaints leaves them out and
    fct_unplaced_complaints lists them.
-#}

with

complaints as (
    select * from {{ ref('int_complaints_unioned') }}
),

tambon_shapes as (
    select
        area_code as tambon_code,
        geom
    from {{ ref('stg_reference__boundaries') }}
    where area_level = 'tambon'
),

tambons as (
    select
        area_code as tambon_code,
        parent_area_code as amphoe_code
    from {{ ref('stg_reference__areas') }}
    where area_level = 'tambon'
),

complaint_points as (
    select
        complaint_id,
        st_point(longitude, latitude) as gps_point
    from complaints
    where longitude is not null and latitude is not null
),

gps_matches as (
    -- simplified polygons may overlap slightly along borders: take one tambon per point
    select
        complaint_points.complaint_id,
        min(tambon_shapes.tambon_code) as gps_tambon_code
    from complaint_points
    inner join tambon_shapes
        on st_contains(tambon_shapes.geom, complaint_points.gps_point)
    group by complaint_points.complaint_id
),

text_matches as (
    -- a code that is not a current Saraburi tambon counts as no match
    select
        complaints.complaint_id,
        tambons.tambon_code as text_tambon_code
    from complaints
    inner join tambons
        on complaints.tambon_code = tambons.tambon_code
),

located as (
    select
        complaints.complaint_id,
        complaints.source_feed,
        complaints.source_record_id,
        complaints.channel_text,
        complaints.category_text,
        complaints.status_text,
        complaints.assigned_unit,
        complaints.area_text,
        text_matches.text_tambon_code,
        gps_matches.gps_tambon_code,
        coalesce(text_matches.text_tambon_code, gps_matches.gps_tambon_code) as tambon_code,
        case
            when text_matches.text_tambon_code is not null then 'text'
            when gps_matches.gps_tambon_code is not null then 'gps'
        end as area_source,
        case
            when text_matches.text_tambon_code is not null and gps_matches.gps_tambon_code is not null
                then text_matches.text_tambon_code = gps_matches.gps_tambon_code
        end as is_gps_consistent_with_text,
        complaints.latitude,
        complaints.longitude,
        complaints.received_at,
        complaints.closed_at_reported,
        complaints.last_activity_at
    from complaints
    left join text_matches
        on complaints.complaint_id = text_matches.complaint_id
    left join gps_matches
        on complaints.complaint_id = gps_matches.complaint_id
)

select
    located.*,
    tambons.amphoe_code
from located
left join tambons
    on located.tambon_code = tambons.tambon_code
