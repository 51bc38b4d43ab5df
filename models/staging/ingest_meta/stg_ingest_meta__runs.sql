with

source as (
    select * from {{ source('ingest_meta', 'ingest_runs') }}
),

renamed as (
    select
        -- ids
        run_id,

        -- timestamps
        started_at,
        finished_at

    from source
)

select * from renamed
