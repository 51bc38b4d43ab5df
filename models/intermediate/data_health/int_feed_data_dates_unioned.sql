{#- The newest date each feed's data speaks about (not when it was loaded): the end of the newest
    population month, the newest survey, complaint, reading or report. The development plans carry
    no event date and are left out. -#}

with

feed_data_dates as (
    select
        'dopa_population' as feed_name,
        last_day(max(month_start_date)) as last_data_date
    from {{ ref('stg_dopa__population_counts') }}
    union all
    select
        'cdd_households' as feed_name,
        max(surveyed_date) as last_data_date
    from {{ ref('stg_cdd__households') }}
    union all
    select
        'traffy_complaints' as feed_name,
        cast(max(reported_at) as date) as last_data_date
    from {{ ref('stg_traffy__tickets') }}
    union all
    select
        'damrongdhama_complaints' as feed_name,
        max(received_date) as last_data_date
    from {{ ref('stg_damrongdhama__cases') }}
    union all
    select
        'agency_complaints' as feed_name,
        cast(max(received_at) as date) as last_data_date
    from {{ ref('stg_agency_registers__complaints') }}
    union all
    select
        'air4thai_hourly' as feed_name,
        max(measured_date) as last_data_date
    from {{ ref('stg_pcd_air4thai__hourly_readings') }}
    union all
    select
        'dengue_506' as feed_name,
        max(reported_date) as last_data_date
    from {{ ref('stg_moph_506__dengue_cases') }}
)

select * from feed_data_dates
