{#- Thai fiscal year (1 October - 30 September) named by the Buddhist-Era year it ends in:
    2024-10-01 -> 2568, 2024-09-30 -> 2567. -#}
{% macro fiscal_year_be(date_expression) -%}
    (year({{ date_expression }}) + case when month({{ date_expression }}) >= 10 then 1 else 0 end + 543)
{%- endmacro %}
