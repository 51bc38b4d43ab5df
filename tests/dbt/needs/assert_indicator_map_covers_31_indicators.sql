-- Asserts the needs_indicator_dimensions seed maps each of the 31 BMN indicators exactly once.
select indicator_numbers.indicator_no
from range(1, 32) as indicator_numbers (indicator_no)
left join {{ ref('needs_indicator_dimensions') }} as dimensions
    on indicator_numbers.indicator_no = dimensions.indicator_no
group by indicator_numbers.indicator_no
having count(dimensions.indicator_no) != 1
