with

source as (
    select * from {{ source('moph_506', 'dengue_506') }}
),

renamed as (
    select
        -- ids: the register has no case number, so a case is its file and row
        md5(concat_ws('|', _file_name, cast(_row_number as varchar))) as case_key,
        tambon_code,
        amphoe_code,
        code_506,
        icd10,

        -- strings
        case
            when {{ normalise_term('sex_text') }} in ('ชาย', 'ช', 'm', 'male', '1') then 'male'
            when {{ normalise_term('sex_text') }} in ('หญิง', 'ญ', 'f', 'female', '2') then 'female'
            else 'unknown'
        end as sex,
        case
            when {{ normalise_term('patient_type') }} in ('opd', 'ผู้ป่วยนอก') then 'outpatient'
            when {{ normalise_term('patient_type') }} in ('ipd', 'ผู้ป่วยใน') then 'inpatient'
            else 'unknown'
        end as patient_type,
        case
            when {{ normalise_term('outcome') }} in ('หาย', 'หายป่วย', 'หายแล้ว', 'recovered') then 'recovered'
            when {{ normalise_term('outcome') }} in ('ตาย', 'เสียชีวิต', 'died', 'dead') then 'died'
            when {{ normalise_term('outcome') }} in ('ยังรักษาอยู่', 'กำลังรักษา', 'รักษาอยู่') then 'under_treatment'
            when {{ normalise_term('outcome') }} in ('ส่งต่อ', 'refer', 'referred') then 'referred'
            else 'unknown'
        end as outcome,
        disease_name,
        tambon_text,
        amphoe_text,
        area_match_method,

        -- numbers
        age_years,
        village_no,
        area_match_confidence,

        -- dates
        reported_date,
        onset_date,

        -- lineage
        _file_name as file_name,
        _row_number as source_row_number,
        _loaded_at as loaded_at

    from source
)

select * from renamed
