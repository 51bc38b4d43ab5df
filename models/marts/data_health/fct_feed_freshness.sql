{#- One row per registered feed: what was loaded, how much was quarantined, and whether its data is
    stale at the as-of date. A feed is stale when its newest data date is more than twice its
    delivery cadence before the as-of date (one delivery missed, allowing for the delivery lag);
    feeds without an event date (development plans) are never judged stale (NULL). -#}

with

feeds as (
    select * from {{ ref('stg_ingest_meta__feeds') }}
),

files as (
    select
        feed_name,
        count(*) as files_loaded,
        cast(sum(rows_loaded) as bigint) as rows_loaded,
        cast(sum(rows_quarantined) as bigint) as rows_quarantined,
        max(loaded_at) as last_loaded_at
    from {{ ref('stg_ingest_meta__files') }}
    group by feed_name
),

latest_run as (
    select run_id
    from {{ ref('stg_ingest_meta__runs') }}
    order by started_at desc
    limit 1
),

last_run_files as (
    select
        run_files.feed_name,
        cast(count_if(run_files.status = 'failed') as bigint) as files_failed_last_run
    from {{ ref('stg_ingest_meta__run_files') }} as run_files
    inner join latest_run
        on run_files.run_id = latest_run.run_id
    group by run_files.feed_name
),

data_dates as (
    select * from {{ ref('int_feed_data_dates_unioned') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date_derived') }}
),

final as (
    select
        -- ids
        feeds.feed_name,

        -- strings
        feeds.title_th,
        feeds.title_en,
        feeds.owner,

        -- numbers
        cast(feeds.cadence_days as integer) as cadence_days,
        coalesce(files.files_loaded, 0) as files_loaded,
        coalesce(files.rows_loaded, 0) as rows_loaded,
        coalesce(files.rows_quarantined, 0) as rows_quarantined,
        coalesce(last_run_files.files_failed_last_run, 0) as files_failed_last_run,
        cast(date_diff('day', data_dates.last_data_date, as_of.as_of_date) as integer) as days_since_last_data,

        -- booleans
        case
            -- a feed without an event date (the development plans) is never judged
            when data_dates.feed_name is null then null
            when data_dates.last_data_date is null then true
            else date_diff('day', data_dates.last_data_date, as_of.as_of_date) > 2 * feeds.cadence_days
        end as is_stale,

        -- dates
        data_dates.last_data_date,
        as_of.as_of_date,

        -- timestamps
        files.last_loaded_at

    from feeds
    cross join as_of
    left join files
        on feeds.feed_name = files.feed_name
    left join last_run_files
        on feeds.feed_name = last_run_files.feed_name
    left join data_dates
        on feeds.feed_name = data_dates.feed_name
)

select * from final
