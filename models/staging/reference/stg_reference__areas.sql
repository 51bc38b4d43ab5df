with

source as (
    select * from {{ source('reference', 'ref_areas') }}
),

renamed as (
    select
        -- ids
        area_code,
        nullif(parent_code, '') as parent_area_code,

        -- strings
        area_level,
        name_th,
        name_en

    from source
)

select * from renamed
