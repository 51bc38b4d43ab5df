{#- One row per surveyed household and survey year, with the five TPMAP dimensions it fails.
    A household fails a dimension when it fails at least one indicator mapped to that dimension in
    the needs_indicator_dimensions seed; unanswered (not applicable) indicators never fail it, and
    the "values" indicators count toward no dimension. -#}

with

households as (
    select * from {{ ref('stg_cdd__households') }}
    -- a household delivered twice for the same year keeps its latest load
    qualify row_number() over (
        partition by survey_year_be, household_id
        order by loaded_at desc, file_name desc, source_row_number desc
    ) = 1
),

indicator_answers as (
    select * from {{ ref('int_household_indicators_unpivoted') }}
),

indicator_dimensions as (
    select * from {{ ref('needs_indicator_dimensions') }}
    where is_tpmap_dimension
),

dimension_failures as (
    select
        {% for dimension in ['health', 'living', 'education', 'income', 'public_access'] %}
        bool_or(not indicator_answers.is_passed) filter (
            where indicator_dimensions.dimension_code = '{{ dimension }}'
        ) as fails_{{ dimension }},
        {% endfor %}
        indicator_answers.survey_year_be,
        indicator_answers.household_id
    from indicator_answers
    inner join indicator_dimensions
        on indicator_answers.indicator_no = indicator_dimensions.indicator_no
    group by indicator_answers.survey_year_be, indicator_answers.household_id
),

assessed as (
    select
        -- ids
        households.survey_year_be || '-' || households.household_id as household_key,
        households.household_id,
        households.tambon_code,
        households.amphoe_code,

        -- numbers
        cast(households.survey_year_be as integer) as survey_year_be,
        households.member_count,
        households.income_per_person_year,

        -- booleans
        coalesce(households.is_welfare_registered, false) as is_welfare_registered,
        coalesce(dimension_failures.fails_health, false) as fails_health,
        coalesce(dimension_failures.fails_living, false) as fails_living,
        coalesce(dimension_failures.fails_education, false) as fails_education,
        coalesce(dimension_failures.fails_income, false) as fails_income,
        coalesce(dimension_failures.fails_public_access, false) as fails_public_access,

        -- dates
        households.surveyed_date

    from households
    left join dimension_failures
        on
            households.survey_year_be = dimension_failures.survey_year_be
            and households.household_id = dimension_failures.household_id
),

final as (
    select
        *,
        (fails_health or fails_living or fails_education or fails_income or fails_public_access)
            as fails_any_dimension,
        (fails_health or fails_living or fails_education or fails_income or fails_public_access)
        and is_welfare_registered as is_target_poor
    from assessed
)

select * from final
