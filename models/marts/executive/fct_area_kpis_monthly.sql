{#-
    Monthly KPIs in long form for every area level: one row per area x month x KPI (dim_kpi).
    Counts are computed per tambon, zero-filled over every tambon and month of the KPI's range
    (first month with data to the as-of month), and summed up to amphoe and province; medians and
    distinct-day counts are computed at each level from the detail rows. "End of month" for the
    as-of month means the as-of date.
-#}

{%- set complaint_counts = [
    'complaints_received',
    'complaints_resolved',
    'complaints_open_end_of_month',
    'complaints_overdue_end_of_month',
] %}

with

as_of as (
    select
        cast(date_trunc('month', as_of_date) as date) as as_of_month,
        cast(as_of_date + interval 1 day as timestamp) as as_of_end_at
    from {{ ref('int_as_of_date_derived') }}
),

months as (
    select distinct
        month_start_date,
        month_end_date
    from {{ ref('dim_date') }}
),

tambons as (
    select
        tambon_code,
        amphoe_code
    from {{ ref('dim_area') }}
    where area_level = 'tambon'
),

complaints as (
    select
        tambon_code,
        amphoe_code,
        received_at,
        resolved_at,
        due_at,
        days_to_resolve,
        cast(date_trunc('month', received_at) as date) as received_month,
        cast(date_trunc('month', resolved_at) as date) as resolved_month,
        -- closed without a closing date: treated as never open at a month end
        case
            when is_open then timestamp 'infinity'
            else coalesce(closed_at, received_at)
        end as open_until_at
    from {{ ref('fct_complaints') }}
),

complaint_months as (
    select
        months.month_start_date,
        least(cast(months.month_end_date + interval 1 day as timestamp), as_of.as_of_end_at) as cutoff_at
    from months
    cross join as_of
    where
        months.month_start_date >= (select min(complaints.received_month) from complaints)
        and months.month_start_date <= as_of.as_of_month
),

received as (
    select
        tambon_code,
        received_month as month_start_date,
        count(*) as complaints_received
    from complaints
    group by tambon_code, received_month
),

resolved as (
    select
        tambon_code,
        resolved_month as month_start_date,
        count(*) as complaints_resolved
    from complaints
    where resolved_month is not null
    group by tambon_code, resolved_month
),

open_at_month_end as (
    select
        complaints.tambon_code,
        complaint_months.month_start_date,
        count(*) as complaints_open_end_of_month,
        count_if(complaints.due_at < complaint_months.cutoff_at) as complaints_overdue_end_of_month
    from complaints
    inner join complaint_months
        on
            complaints.received_at < complaint_months.cutoff_at
            and complaints.open_until_at >= complaint_months.cutoff_at
    group by complaints.tambon_code, complaint_months.month_start_date
),

complaint_tambon_months as (
    select
        tambons.tambon_code,
        tambons.amphoe_code,
        complaint_months.month_start_date,
        coalesce(received.complaints_received, 0) as complaints_received,
        coalesce(resolved.complaints_resolved, 0) as complaints_resolved,
        coalesce(open_at_month_end.complaints_open_end_of_month, 0) as complaints_open_end_of_month,
        coalesce(open_at_month_end.complaints_overdue_end_of_month, 0) as complaints_overdue_end_of_month
    from tambons
    cross join complaint_months
    left join received
        on
            tambons.tambon_code = received.tambon_code
            and complaint_months.month_start_date = received.month_start_date
    left join resolved
        on
            tambons.tambon_code = resolved.tambon_code
            and complaint_months.month_start_date = resolved.month_start_date
    left join open_at_month_end
        on
            tambons.tambon_code = open_at_month_end.tambon_code
            and complaint_months.month_start_date = open_at_month_end.month_start_date
),

complaint_rollup as (
    select
        {{ area_rollup_columns() }},
        {% for kpi in complaint_counts %}
        sum({{ kpi }}) as {{ kpi }},
        {% endfor %}
        month_start_date
    from complaint_tambon_months
    group by {{ area_rollup_group_by('month_start_date') }}
),

complaint_kpis as (
    unpivot complaint_rollup
    on {{ complaint_counts | join(', ') }}
    into name kpi_code value kpi_value
),

median_days_to_resolve as (
    select
        {{ area_rollup_columns() }},
        resolved_month as month_start_date,
        'complaints_median_days_to_resolve' as kpi_code,
        median(days_to_resolve) as kpi_value
    from complaints
    where days_to_resolve is not null
    group by {{ area_rollup_group_by('resolved_month') }}
),

dengue as (
    select
        tambon_code,
        cast(date_trunc('month', onset_date) as date) as onset_month
    from {{ ref('fct_dengue_cases') }}
),

dengue_months as (
    select months.month_start_date
    from months
    cross join as_of
    where
        months.month_start_date >= (select min(dengue.onset_month) from dengue)
        and months.month_start_date <= as_of.as_of_month
),

dengue_counts as (
    select
        tambon_code,
        onset_month,
        count(*) as dengue_cases
    from dengue
    group by tambon_code, onset_month
),

dengue_tambon_months as (
    select
        tambons.tambon_code,
        tambons.amphoe_code,
        dengue_months.month_start_date,
        coalesce(dengue_counts.dengue_cases, 0) as dengue_cases
    from tambons
    cross join dengue_months
    left join dengue_counts
        on
            tambons.tambon_code = dengue_counts.tambon_code
            and dengue_months.month_start_date = dengue_counts.onset_month
),

dengue_kpis as (
    select
        {{ area_rollup_columns() }},
        month_start_date,
        'dengue_cases' as kpi_code,
        sum(dengue_cases) as kpi_value
    from dengue_tambon_months
    group by {{ area_rollup_group_by('month_start_date') }}
),

air_days as (
    select
        tambon_code,
        amphoe_code,
        date_day,
        is_pm25_over_standard,
        cast(date_trunc('month', date_day) as date) as month_start_date
    from {{ ref('fct_air_quality_daily') }}
),

pm25_kpis as (
    select
        {{ area_rollup_columns() }},
        month_start_date,
        'pm25_exceedance_days' as kpi_code,
        count(distinct date_day) filter (where is_pm25_over_standard) as kpi_value
    from air_days
    group by {{ area_rollup_group_by('month_start_date') }}
),

population_kpis as (
    select
        {{ area_rollup_columns() }},
        month_start_date,
        'population_total' as kpi_code,
        sum(total_count) as kpi_value
    from {{ ref('fct_population_monthly') }}
    group by {{ area_rollup_group_by('month_start_date') }}
),

unioned as (
    {% for kpis in ['complaint_kpis', 'median_days_to_resolve', 'dengue_kpis', 'pm25_kpis', 'population_kpis'] %}
    select
        area_code,
        area_level,
        month_start_date,
        kpi_code,
        cast(kpi_value as double) as kpi_value
    from {{ kpis }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        -- ids
        area_code,
        kpi_code,

        -- strings
        area_level,

        -- numbers
        kpi_value,

        -- dates
        month_start_date

    from unioned
)

select * from final
