-- Asserts every population row's total equals its male plus female count.
select
    tambon_code,
    month_start_date,
    age_band,
    male_count,
    female_count,
    total_count
from {{ ref('fct_population_monthly') }}
where total_count != male_count + female_count
