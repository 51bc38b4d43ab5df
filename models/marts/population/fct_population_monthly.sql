with

counts as (
    select * from {{ ref('stg_dopa__population_counts') }}
),

age_bands as (
    select * from {{ ref('age_bands') }}
),

tambons as (
    select
        area_code as tambon_code,
        parent_area_code as amphoe_code
    from {{ ref('stg_reference__areas') }}
    where area_level = 'tambon'
),

final as (
    select
        -- ids
        counts.tambon_code,
        tambons.amphoe_code,

        -- strings
        age_bands.age_band,

        -- numbers
        age_bands.age_band_order,
        cast(sum(counts.male_count) as bigint) as male_count,
        cast(sum(counts.female_count) as bigint) as female_count,
        cast(sum(coalesce(counts.reported_total_count, counts.male_count + counts.female_count)) as bigint)
            as total_count,

        -- dates
        counts.month_start_date

    from counts
    inner join tambons
        on counts.tambon_code = tambons.tambon_code
    inner join age_bands
        on counts.age_lower_years between age_bands.lower_age and age_bands.upper_age
    group by
        counts.tambon_code,
        tambons.amphoe_code,
        age_bands.age_band,
        age_bands.age_band_order,
        counts.month_start_date
)

select * from final
