-- Asserts dim_area holds exactly Saraburi's 1 province, 13 amphoe and 111 tambon.
with

counts as (
    select
        area_level,
        count(*) as area_count
    from {{ ref('dim_area') }}
    group by area_level
),

expected as (
    select
        expected_counts.area_level,
        expected_counts.area_count
    from (values ('province', 1), ('amphoe', 13), ('tambon', 111)) as expected_counts (area_level, area_count)
)

select
    expected.area_level,
    expected.area_count as expected_count,
    counts.area_count as actual_count
from expected
left join counts
    on expected.area_level = counts.area_level
where counts.area_count is distinct from expected.area_count
