{#- Which tambon each LAO covers, fully or partly. The provincial administrative organisation
    ("all" in the reference) covers every tambon. Tambon that no local LAO covers in the reference
    snapshot simply have no row besides the PAO's. -#}

with

laos as (
    select * from {{ ref('stg_reference__laos') }}
),

tambons as (
    select area_code as tambon_code
    from {{ ref('stg_reference__areas') }}
    where area_level = 'tambon'
),

coverage_items as (
    select
        lao_key,
        trim(unnest(string_split(tambon_coverage, ';'))) as coverage_item
    from laos
    where tambon_coverage != 'all'
),

listed as (
    select
        lao_key,
        split_part(coverage_item, ':', 1) as tambon_code,
        coalesce(nullif(split_part(coverage_item, ':', 2), ''), 'full') as coverage
    from coverage_items
    where coverage_item != ''
),

provincial as (
    select
        laos.lao_key,
        tambons.tambon_code,
        'full' as coverage
    from laos
    cross join tambons
    where laos.tambon_coverage = 'all'
),

final as (
    select * from listed
    union all
    select * from provincial
)

select * from final
