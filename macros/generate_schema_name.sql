{#- Schemas are exactly the names set in dbt_project.yml (staging, intermediate, marts, seeds),
    not "<target schema>_<name>"; models without one land in the target schema. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
