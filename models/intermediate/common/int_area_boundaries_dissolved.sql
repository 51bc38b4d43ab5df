{#- Boundaries for every area level from the tambon polygons alone: amphoe and province shapes are
    dissolved (ST_Union_Agg) from their tambon, so the levels agree on the map. Empty when no
    boundary file was loaded. -#}

with

tambon_shapes as (
    select
        boundaries.area_code as tambon_code,
        areas.parent_area_code as amphoe_code,
        st_makevalid(boundaries.geom) as geom
    from {{ ref('stg_reference__boundaries') }} as boundaries
    inner join {{ ref('stg_reference__areas') }} as areas
        on boundaries.area_code = areas.area_code
    where boundaries.area_level = 'tambon'
),

amphoe_shapes as (
    select
        amphoe_code,
        st_union_agg(geom) as geom
    from tambon_shapes
    group by amphoe_code
),

province_shapes as (
    select st_union_agg(geom) as geom
    from amphoe_shapes
    having count(*) > 0
),

all_levels as (
    select
        tambon_code as area_code,
        geom
    from tambon_shapes
    union all
    select
        amphoe_code as area_code,
        geom
    from amphoe_shapes
    union all
    select
        '{{ var("province_code") }}' as area_code,
        geom
    from province_shapes
)

select
    area_code,
    cast(st_asgeojson(geom) as varchar) as boundary_geojson,
    st_y(st_centroid(geom)) as centroid_latitude,
    st_x(st_centroid(geom)) as centroid_longitude
from all_levels
