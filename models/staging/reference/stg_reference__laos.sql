with

source as (
    select * from {{ source('reference', 'ref_lao') }}
),

renamed as (
    select
        -- ids
        lao_key,
        nullif(trim(amphoe_code), '') as amphoe_code,

        -- strings
        lao_name_th,
        lao_name_en,
        lao_type,
        amphoe_name_th,
        -- "190101:full;190102:partial", or "all" for the provincial administrative organisation
        tambon_coverage

    from source
)

select * from renamed
