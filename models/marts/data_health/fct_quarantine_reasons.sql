{#- Rows ingest refused, counted by feed, file, column and reason, with one example value. -#}

with

quarantined as (
    select * from {{ ref('stg_ingest_meta__quarantined_values') }}
),

final as (
    select
        -- ids
        feed_name,
        file_name,

        -- strings
        coalesce(column_name, '') as column_name,
        reason_th,
        reason_en,
        min(raw_value) as example_value,

        -- numbers
        count(distinct source_row_number) as row_count

    from quarantined
    group by feed_name, file_name, coalesce(column_name, ''), reason_th, reason_en
)

select * from final
