{#- TPMAP-style tambon profile per survey year: households failing each dimension and their share
    of the households surveyed (0-1). -#}

{%- set dimensions = ['health', 'living', 'education', 'income', 'public_access'] %}

with

households as (
    select * from {{ ref('fct_household_needs') }}
),

counted as (
    select
        tambon_code,
        amphoe_code,
        survey_year_be,
        count(*) as household_count,
        cast(sum(member_count) as bigint) as member_count,
        cast(count_if(is_welfare_registered) as bigint) as welfare_registered_households,
        {% for dimension in dimensions %}
        cast(count_if(fails_{{ dimension }}) as bigint) as households_failing_{{ dimension }},
        {% endfor %}
        cast(count_if(fails_any_dimension) as bigint) as households_failing_any,
        cast(count_if(is_target_poor) as bigint) as target_poor_households
    from households
    group by tambon_code, amphoe_code, survey_year_be
),

final as (
    select
        -- ids
        tambon_code,
        amphoe_code,

        -- numbers
        survey_year_be,
        household_count,
        member_count,
        welfare_registered_households,
        {% for dimension in dimensions %}
        households_failing_{{ dimension }},
        households_failing_{{ dimension }} / household_count as share_failing_{{ dimension }},
        {% endfor %}
        households_failing_any,
        households_failing_any / household_count as share_failing_any,
        target_poor_households

    from counted
)

select * from final
