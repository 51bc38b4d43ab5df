with

source as (
    select * from {{ source('pcd_air4thai', 'air4thai_hourly') }}
),

renamed as (
    select
        -- ids
        lower(station_id) as station_id,

        -- numbers (µg/m³ for particles, missing readings are NULL)
        pm25,
        pm10,
        o3,
        co,
        no2,
        so2,
        wind_speed,
        temperature,
        humidity,

        -- dates: the reading is for the hour ending at measured_at, so 00:00 belongs to the day before
        cast(measured_at - interval 1 hour as date) as measured_date,

        -- timestamps
        measured_at,

        -- lineage
        _file_name as file_name,
        _row_number as source_row_number,
        _loaded_at as loaded_at

    from source
)

select * from renamed
