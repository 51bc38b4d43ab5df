with

source as (
    select * from {{ source('dopa', 'dopa_population') }}
),

renamed as (
    select
        -- ids
        area_code,
        left(area_code, 6) as tambon_code,
        left(area_code, 4) as amphoe_code,

        -- strings
        area_name,
        age_band as age_band_text,

        -- numbers
        case
            when age_band like '%ต่ำกว่า%' then 0
            else try_cast(regexp_extract(age_band, '(\d+)', 1) as integer)
        end as age_lower_years,
        male as male_count,
        female as female_count,
        total as reported_total_count,

        -- dates
        period_month as month_start_date,

        -- lineage
        _file_name as file_name,
        _row_number as source_row_number,
        _loaded_at as loaded_at

    from source
)

select * from renamed
