{#- The date the warehouse is "as of": the `as_of_date` var when given, else the newest event date
    in the data (complaints received or closed, dengue reports, air readings). Never now(): builds
    from the same raw data give the same marts. One row. -#}

with

event_dates as (
    select max(cast(greatest(received_at, closed_at_reported, last_activity_at) as date)) as event_date
    from {{ ref('int_complaints_unioned') }}
    union all
    select max(reported_date) as event_date
    from {{ ref('stg_moph_506__dengue_cases') }}
    union all
    select max(measured_date) as event_date
    from {{ ref('stg_pcd_air4thai__hourly_readings') }}
)

{% if var('as_of_date') %}
select cast('{{ var("as_of_date") }}' as date) as as_of_date
{% else %}
select coalesce(max(event_date), current_date) as as_of_date
from event_dates
{% endif %}
