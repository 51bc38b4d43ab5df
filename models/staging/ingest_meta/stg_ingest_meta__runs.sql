with

source as (
    select * from {{ source('ingest_meta', 'ingest_runs') }}
),

renamed as (
    select
        -- ids
        run_id,

        -- numbers
        files_seen,
        files_loaded,
        files_failed,
        rows_loaded,
        rows_quarantined,

        -- timestamps
        started_at,
        finished_at

    from source
)

select * from renamed
