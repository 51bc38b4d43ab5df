-- Asserts every text of the lookup seeds, once normalised (lower case, no spaces), maps to one code
-- only: otherwise a join on it would duplicate rows.
with

terms as (
    select
        'complaint_categories' as seed_name,
        {{ normalise_term("unnest(string_split(match_terms_th, ';'))") }} as term,
        category_code as code
    from {{ ref('complaint_categories') }}
    union all
    select
        'complaint_statuses' as seed_name,
        {{ normalise_term('status_text') }} as term,
        status_code as code
    from {{ ref('complaint_statuses') }}
    union all
    select
        'complaint_channels' as seed_name,
        {{ normalise_term('channel_text') }} as term,
        channel_code as code
    from {{ ref('complaint_channels') }}
    union all
    select
        'project_statuses' as seed_name,
        {{ normalise_term('status_text') }} as term,
        status_code as code
    from {{ ref('project_statuses') }}
)

select
    seed_name,
    term,
    count(*) as times_listed
from terms
group by seed_name, term
having count(*) > 1
