{#- Area texts that ingest could not match to a tambon with certainty (unmatched, ambiguous or a
    fuzzy guess), summed over files, with the best candidate tambon when there is one: the list to
    fix with an alias. -#}

with

matches as (
    select * from {{ ref('stg_ingest_meta__area_matches') }}
    -- a blank area text is a Traffy pin without an address: placed by GPS, nothing to fix
    where
        match_method in ('unmatched', 'ambiguous', 'fuzzy')
        and nullif(trim(area_text), '') is not null
),

final as (
    select
        -- ids
        feed_name,
        arg_max(coalesce(tambon_code, best_candidate_code), coalesce(match_confidence, 0)) as best_candidate_code,

        -- strings
        area_text,
        match_method as method,

        -- numbers
        max(match_confidence) as match_confidence,
        cast(sum(row_count) as bigint) as row_count,
        count(distinct file_name) as file_count

    from matches
    group by feed_name, area_text, match_method
)

select * from final
