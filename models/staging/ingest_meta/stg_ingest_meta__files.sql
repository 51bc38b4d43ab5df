with

source as (
    select * from {{ source('ingest_meta', 'ingest_files') }}
),

renamed as (
    select
        -- ids
        source as feed_name,
        file_name,
        file_sha256,

        -- strings
        delivered_path,
        encoding,
        status,

        -- numbers
        rows_loaded,
        rows_quarantined,
        rows_skipped,

        -- timestamps
        loaded_at

    from source
)

select * from renamed
