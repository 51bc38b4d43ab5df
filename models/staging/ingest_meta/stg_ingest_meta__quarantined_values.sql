with

source as (
    select * from {{ source('ingest_meta', 'ingest_quarantine') }}
),

renamed as (
    select
        -- ids
        source as feed_name,
        file_name,
        file_sha256,
        row_number as source_row_number,

        -- strings
        column_name,
        raw_value,
        reason_th,
        reason_en,
        record as record_json,

        -- timestamps
        loaded_at

    from source
)

select * from renamed
