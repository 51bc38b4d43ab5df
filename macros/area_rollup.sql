{#- KPIs are computed once at tambon grain and rolled up to amphoe and province:
    `group by {{ area_rollup_group_by('month_start_date') }}` gives the groupings
    (period, amphoe, tambon), (period, amphoe) and (period); area_rollup_columns() in the SELECT
    gives area_code and area_level for each grouping. -#}
{% macro area_rollup_group_by(period_column) -%}
    {{ period_column }}, rollup (amphoe_code, tambon_code)
{%- endmacro %}

{% macro area_rollup_columns() -%}
    case
        when grouping(tambon_code) = 0 then tambon_code
        when grouping(amphoe_code) = 0 then amphoe_code
        else '{{ var("province_code") }}'
    end as area_code,
    case
        when grouping(tambon_code) = 0 then 'tambon'
        when grouping(amphoe_code) = 0 then 'amphoe'
        else 'province'
    end as area_level
{%- endmacro %}
