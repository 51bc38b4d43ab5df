with

source as (
    select * from {{ source('ingest_meta', 'ingest_run_files') }}
),

renamed as (
    select
        -- ids
        run_id,
        source as feed_name,
        file_name,

        -- strings
        delivered_path,
        status,
        message_th,
        message_en,

        -- numbers
        rows_loaded,
        rows_quarantined,
        rows_skipped,
        seconds

    from source
)

select * from renamed
