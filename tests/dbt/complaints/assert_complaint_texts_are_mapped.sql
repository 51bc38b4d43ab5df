-- Warns about category, status and channel texts that no seed maps: they fall back to
-- other / received / other in fct_complaints. Fix by adding the text to the seed.
{{ config(severity='warn') }}

with

complaints as (
    select * from {{ ref('int_complaints_located') }}
),

known_terms as (
    select
        'category' as kind,
        {{ normalise_term("unnest(string_split(match_terms_th, ';'))") }} as term
    from {{ ref('complaint_categories') }}
    union all
    select
        'category' as kind,
        category_code as term
    from {{ ref('complaint_categories') }}
    union all
    select
        'status' as kind,
        {{ normalise_term('status_text') }} as term
    from {{ ref('complaint_statuses') }}
    union all
    select
        'channel' as kind,
        {{ normalise_term('channel_text') }} as term
    from {{ ref('complaint_channels') }}
),

used_terms as (
    select
        'category' as kind,
        category_text as raw_text
    from complaints
    union all
    select
        'status' as kind,
        status_text as raw_text
    from complaints
    union all
    select
        'channel' as kind,
        channel_text as raw_text
    from complaints
)

select
    used_terms.kind,
    used_terms.raw_text,
    count(*) as complaint_count
from used_terms
left join known_terms
    on
        used_terms.kind = known_terms.kind
        and {{ normalise_term('used_terms.raw_text') }} = known_terms.term
where used_terms.raw_text is not null and known_terms.term is null
group by used_terms.kind, used_terms.raw_text
