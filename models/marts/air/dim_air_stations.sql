with

stations as (
    select * from {{ ref('air_quality_stations') }}
),

tambons as (
    select
        area_code as tambon_code,
        parent_area_code as amphoe_code
    from {{ ref('stg_reference__areas') }}
    where area_level = 'tambon'
),

reading_dates as (
    select
        station_id,
        min(measured_date) as first_measured_date,
        max(measured_date) as last_measured_date
    from {{ ref('stg_pcd_air4thai__hourly_readings') }}
    group by station_id
),

final as (
    select
        -- ids
        stations.station_id,
        stations.tambon_code,
        tambons.amphoe_code,

        -- strings
        stations.station_name_th,
        stations.station_name_en,

        -- numbers
        stations.latitude,
        stations.longitude,

        -- dates
        reading_dates.first_measured_date,
        reading_dates.last_measured_date

    from stations
    left join tambons
        on stations.tambon_code = tambons.tambon_code
    left join reading_dates
        on stations.station_id = reading_dates.station_id
)

select * from final
