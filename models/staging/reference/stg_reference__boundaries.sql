with

source as (
    select * from {{ source('reference', 'ref_boundaries') }}
),

renamed as (
    select
        -- ids
        area_code,

        -- strings
        area_level,
        name_th,
        name_en,
        geometry_geojson,

        -- geometry
        st_geomfromwkb(geometry_wkb) as geom

    from source
)

select * from renamed
