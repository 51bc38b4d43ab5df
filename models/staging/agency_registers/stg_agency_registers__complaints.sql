with

source as (
    select * from {{ source('agency_registers', 'agency_complaints') }}
),

renamed as (
    select
        -- ids
        register_no,
        register_amphoe_code,
        tambon_code,
        amphoe_code,

        -- strings
        channel_text,
        category_text,
        description,
        tambon_text,
        amphoe_text,
        assigned_unit,
        status_text,
        area_match_method,

        -- numbers
        village_no,
        area_match_confidence,

        -- dates
        resolved_date,

        -- timestamps
        received_at,

        -- lineage
        _file_name as file_name,
        _row_number as source_row_number,
        _loaded_at as loaded_at

    from source
)

select * from renamed
