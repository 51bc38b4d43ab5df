{#- A lookup key for free text typed by people: lower case, no spaces at all.
    Used on both sides of every text -> code join (seeds and feeds), so "อื่น ๆ" matches "อื่นๆ". -#}
{% macro normalise_term(expression) -%}
    nullif(lower(regexp_replace(trim({{ expression }}), '\s+', '', 'g')), '')
{%- endmacro %}
