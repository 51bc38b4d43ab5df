-- Asserts each air station's coordinates fall inside the polygon of the tambon it is assigned to
-- (checked only when boundaries are loaded).
select
    stations.station_id,
    stations.tambon_code
from {{ ref('air_quality_stations') }} as stations
inner join {{ ref('stg_reference__boundaries') }} as boundaries
    on stations.tambon_code = boundaries.area_code
where not st_contains(boundaries.geom, st_point(stations.longitude, stations.latitude))
