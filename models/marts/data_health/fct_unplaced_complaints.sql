{#- Complaints that could not be placed in any Saraburi tambon (no matched area text and no GPS
    point inside a tambon), so fct_complaints leaves them out. One row per complaint. -#}

with

complaints as (
    select * from {{ ref('int_complaints_located') }}
    where tambon_code is null
),

final as (
    select
        -- ids
        complaint_id,
        source_record_id,

        -- strings
        source_feed,
        area_text,
        case
            when latitude is not null and longitude is not null then 'gps_outside_tambons'
            when area_text is not null then 'area_text_unmatched'
            else 'no_area_no_gps'
        end as reason_code,
        case
            when latitude is not null and longitude is not null then 'พิกัดอยู่นอกเขตตำบลของจังหวัด'
            when area_text is not null then 'จับคู่ชื่อตำบลไม่ได้และไม่มีพิกัด'
            else 'ไม่มีชื่อพื้นที่และไม่มีพิกัด'
        end as reason_th,
        case
            when latitude is not null and longitude is not null then 'GPS point outside every Saraburi tambon'
            when area_text is not null then 'Area name not matched and no GPS point'
            else 'No area name and no GPS point'
        end as reason_en,

        -- numbers
        latitude,
        longitude,

        -- timestamps
        received_at

    from complaints
)

select * from final
