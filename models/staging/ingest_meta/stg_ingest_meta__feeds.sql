with

source as (
    select * from {{ source('ingest_meta', 'ingest_feeds') }}
),

renamed as (
    select
        -- ids
        feed_name,

        -- strings
        title_th,
        title_en,
        owner,
        grain,
        file_pattern,

        -- numbers
        cast(cadence_days as integer) as cadence_days

    from source
)

select * from renamed
