{#- One row per household x basic-minimum-needs indicator answered: ผ่าน (pass) -> is_passed true,
    ไม่ผ่าน (fail) -> false. Blank answers (indicator not applicable to the household) are left out. -#}

with

households as (
    select * from {{ ref('stg_cdd__households') }}
),

unpivoted as (
    unpivot households
    on columns('^ind_\d{2}$')
    into name indicator_code value answer_text
),

normalised as (
    select
        survey_year_be || '-' || household_id as household_key,
        cast(right(indicator_code, 2) as integer) as indicator_no,
        {{ normalise_term('answer_text') }} as answer_term
    from unpivoted
),

recoded as (
    select
        household_key,
        indicator_no,
        case
            when answer_term in ('ผ่าน', 'pass', 'p', '1', 'y') then true
            when answer_term in ('ไม่ผ่าน', 'fail', 'f', '0', 'n') then false
        end as is_passed
    from normalised
)

select * from recoded
where is_passed is not null
