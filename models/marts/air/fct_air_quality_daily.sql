{#- Daily particle averages per station. A day runs over the hours ending 01:00 to 24:00 (00:00 of
    the next day). A 24-hour average is valid only with at least var('air_min_hours_per_day') = 18
    hourly readings of that pollutant (75 % of the day, the usual completeness rule); otherwise the
    average and the over-standard flag are NULL. Standards: PM2.5 37.5 and PM10 120 µg/m³. -#}

with

readings as (
    -- overlapping files can repeat an hour: one value per station and hour
    select
        station_id,
        measured_at,
        measured_date,
        avg(pm25) as pm25,
        avg(pm10) as pm10
    from {{ ref('stg_pcd_air4thai__hourly_readings') }}
    group by station_id, measured_at, measured_date
),

stations as (
    select * from {{ ref('dim_air_stations') }}
),

daily as (
    select
        station_id,
        measured_date as date_day,
        cast(count(pm25) as integer) as hours_measured,
        cast(count(pm10) as integer) as pm10_hours_measured,
        avg(pm25) as pm25_mean,
        avg(pm10) as pm10_mean
    from readings
    group by station_id, measured_date
),

validated as (
    select
        daily.*,
        case
            when daily.hours_measured >= {{ var('air_min_hours_per_day') }} then round(daily.pm25_mean, 1)
        end as pm25_avg,
        case
            when daily.pm10_hours_measured >= {{ var('air_min_hours_per_day') }} then round(daily.pm10_mean, 1)
        end as pm10_avg
    from daily
),

final as (
    select
        -- ids
        validated.station_id,
        stations.tambon_code,
        stations.amphoe_code,

        -- numbers
        validated.pm25_avg,
        validated.pm10_avg,
        validated.hours_measured,
        validated.pm10_hours_measured,

        -- booleans
        validated.pm25_avg > {{ var('pm25_standard_ug_m3') }} as is_pm25_over_standard,
        validated.pm10_avg > {{ var('pm10_standard_ug_m3') }} as is_pm10_over_standard,

        -- dates
        validated.date_day

    from validated
    inner join stations
        on validated.station_id = stations.station_id
)

select * from final
