-- Warns about stations in the Air4Thai feed that the air_quality_stations seed does not list:
-- their readings are left out of fct_air_quality_daily until the seed gets a row.
{{ config(severity='warn') }}

select distinct readings.station_id
from {{ ref('stg_pcd_air4thai__hourly_readings') }} as readings
left join {{ ref('air_quality_stations') }} as stations
    on readings.station_id = stations.station_id
where stations.station_id is null
