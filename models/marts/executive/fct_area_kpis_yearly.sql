{#- Yearly KPIs in long form for every area level: one row per area x fiscal year (BE) x KPI.
    Needs-survey KPIs use the survey year: the survey runs January-April, inside the fiscal year of
    the same BE number. Shares are recomputed at each level from the summed counts. -#}

{%- set dimensions = ['any', 'health', 'living', 'education', 'income', 'public_access'] %}

with

needs_rollup as (
    select
        {{ area_rollup_columns() }},
        survey_year_be as fiscal_year_be,
        {% for dimension in dimensions %}
        sum(households_failing_{{ dimension }}) / sum(household_count) as households_failing_{{ dimension }}_share,
        {% endfor %}
        sum(household_count) as households_surveyed,
        sum(target_poor_households) as target_poor_households
    from {{ ref('fct_tambon_needs') }}
    group by {{ area_rollup_group_by('survey_year_be') }}
),

needs_kpis as (
    unpivot needs_rollup
    on columns(* exclude (area_code, area_level, fiscal_year_be))
    into name kpi_code value kpi_value
),

development_rollup as (
    select
        {{ area_rollup_columns() }},
        fiscal_year_be,
        count(distinct project_id) as development_projects,
        sum(budget_thb) as development_budget_thb
    from {{ ref('fct_development_projects') }}
    group by {{ area_rollup_group_by('fiscal_year_be') }}
),

development_kpis as (
    unpivot development_rollup
    on development_projects, development_budget_thb
    into name kpi_code value kpi_value
),

unioned as (
    select
        area_code,
        area_level,
        fiscal_year_be,
        kpi_code,
        cast(kpi_value as double) as kpi_value
    from needs_kpis
    union all
    select
        area_code,
        area_level,
        fiscal_year_be,
        kpi_code,
        cast(kpi_value as double) as kpi_value
    from development_kpis
),

final as (
    select
        -- ids
        area_code,
        kpi_code,

        -- strings
        area_level,

        -- numbers
        fiscal_year_be,
        kpi_value

    from unioned
)

select * from final
