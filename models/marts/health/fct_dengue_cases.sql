with

cases as (
    select * from {{ ref('stg_moph_506__dengue_cases') }}
),

age_bands as (
    select * from {{ ref('age_bands') }}
),

final as (
    select
        -- ids
        cases.case_key,
        cases.tambon_code,
        cases.amphoe_code,
        cases.code_506,

        -- strings
        cases.sex,
        age_bands.age_band as age_group,
        cases.patient_type,
        cases.outcome,

        -- numbers
        cast(cases.age_years as integer) as age_years,
        age_bands.age_band_order as age_group_order,

        -- dates
        cases.reported_date,
        cases.onset_date,
        cast(date_trunc('week', cases.onset_date) as date) as onset_week_start_date

    from cases
    left join age_bands
        on cases.age_years between age_bands.lower_age and age_bands.upper_age
)

select * from final
