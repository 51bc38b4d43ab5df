with

areas as (
    select * from {{ ref('stg_reference__areas') }}
),

boundaries as (
    select * from {{ ref('int_area_boundaries_dissolved') }}
),

final as (
    select
        -- ids
        areas.area_code,
        left(areas.area_code, 2) as province_code,
        case when areas.area_level in ('amphoe', 'tambon') then left(areas.area_code, 4) end as amphoe_code,
        case when areas.area_level = 'tambon' then areas.area_code end as tambon_code,
        areas.parent_area_code,

        -- strings
        areas.area_level,
        areas.name_th,
        areas.name_en,
        boundaries.boundary_geojson,

        -- numbers
        boundaries.centroid_latitude,
        boundaries.centroid_longitude,

        -- booleans
        boundaries.boundary_geojson is not null as has_boundary

    from areas
    left join boundaries
        on areas.area_code = boundaries.area_code
)

select * from final
