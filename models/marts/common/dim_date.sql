{#- One row per day from 1 October 2014 (fiscal year 2558) to 30 September 2031 (fiscal year 2574). -#}

with

days as (
    select cast(generate_series as date) as date_day
    from generate_series(date '2014-10-01', date '2031-09-30', interval 1 day)
),

final as (
    select
        -- dates
        date_day,

        -- numbers
        cast(year(date_day) as integer) as year_ce,
        cast(year(date_day) + 543 as integer) as year_be,
        cast(month(date_day) as integer) as month_of_year,
        cast({{ fiscal_year_be('date_day') }} as integer) as fiscal_year_be,
        cast((month(date_day) + 2) % 12 // 3 + 1 as integer) as fiscal_quarter,

        -- strings
        [
            'มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน',
            'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'
        ][month(date_day)] as month_name_th,
        [
            'ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.',
            'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'
        ][month(date_day)] as month_abbr_th,
        monthname(date_day) as month_name_en,

        -- dates
        cast(date_trunc('month', date_day) as date) as month_start_date,
        last_day(date_day) as month_end_date,
        cast(date_trunc('week', date_day) as date) as week_start_date

    from days
)

select * from final
