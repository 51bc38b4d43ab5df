-- Asserts every share in fct_tambon_needs lies between 0 and 1, that no dimension has more
-- failing households than "any dimension", and that the target poor are among them.
select
    tambon_code,
    survey_year_be
from {{ ref('fct_tambon_needs') }}
where
    target_poor_households > households_failing_any
    {% for dimension in ['health', 'living', 'education', 'income', 'public_access', 'any'] %}
    or share_failing_{{ dimension }} not between 0 and 1
    or households_failing_{{ dimension }} > households_failing_any
    {% endfor %}
