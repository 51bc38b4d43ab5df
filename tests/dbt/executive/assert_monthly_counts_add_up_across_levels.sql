-- Asserts additive monthly KPIs (all but the median days and the PM2.5 exceedance days) of the
-- province equal the sum of its amphoe, and each amphoe's equal the sum of its tambon.
with

kpis as (
    select
        kpis.*,
        areas.parent_area_code
    from {{ ref('fct_area_kpis_monthly') }} as kpis
    inner join {{ ref('dim_area') }} as areas
        on kpis.area_code = areas.area_code
    where kpis.kpi_code not in ('complaints_median_days_to_resolve', 'pm25_exceedance_days')
),

children as (
    select
        parent_area_code as area_code,
        month_start_date,
        kpi_code,
        sum(kpi_value) as children_value
    from kpis
    where area_level != 'province'
    group by parent_area_code, month_start_date, kpi_code
)

select
    kpis.area_code,
    kpis.month_start_date,
    kpis.kpi_code,
    kpis.kpi_value,
    children.children_value
from kpis
inner join children
    on
        kpis.area_code = children.area_code
        and kpis.month_start_date = children.month_start_date
        and kpis.kpi_code = children.kpi_code
where abs(kpis.kpi_value - children.children_value) > 1e-9
