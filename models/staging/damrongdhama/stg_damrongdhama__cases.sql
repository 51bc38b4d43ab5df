with

source as (
    select * from {{ source('damrongdhama', 'damrongdhama_complaints') }}
),

renamed as (
    select
        -- ids
        case_no,
        tambon_code,
        amphoe_code,

        -- strings
        subject,
        main_type,
        sub_type,
        incident_tambon_text,
        incident_amphoe_text,
        assigned_unit,
        status_text,
        area_match_method,

        -- numbers
        area_match_confidence,

        -- dates
        received_date,
        closed_date,

        -- lineage
        _file_name as file_name,
        _row_number as source_row_number,
        _loaded_at as loaded_at

    from source
)

select * from renamed
