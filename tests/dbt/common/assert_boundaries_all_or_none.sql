-- Asserts boundaries are all there or all missing: when any tambon has a polygon, every area
-- (each tambon, the dissolved amphoe and the province) has one.
with

areas as (
    select * from {{ ref('dim_area') }}
),

boundary_counts as (
    select count_if(has_boundary) as areas_with_boundary
    from areas
)

select
    areas.area_code,
    areas.area_level
from areas
cross join boundary_counts
where
    not areas.has_boundary
    and boundary_counts.areas_with_boundary > 0
