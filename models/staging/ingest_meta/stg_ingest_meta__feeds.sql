with

source as (
    select * from {{ source('ingest_meta', 'ingest_feeds') }}
),

renamed as (
    select
        -- ids
        name as feed_name,

        -- strings
        title_th,
        title_en,
        owner,
        grain,

        -- numbers
        cadence_days

    from source
)

select * from renamed
