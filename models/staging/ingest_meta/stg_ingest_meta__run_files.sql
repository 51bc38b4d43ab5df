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
        status,
        message,

        -- numbers
        rows_loaded,
        rows_quarantined

    from source
)

select * from renamed
