with

source as (
    select * from {{ source('ingest_meta', 'ingest_area_matches') }}
),

renamed as (
    select
        -- ids
        source as feed_name,
        file_name,
        tambon_code,
        best_candidate as best_candidate_code,

        -- strings
        area_text,
        amphoe_text,
        method as match_method,

        -- numbers
        confidence as match_confidence,
        row_count

    from source
)

select * from renamed
