"""The union's sales-outlet shops, in towns of today's Đồng Nai (former Bình Phước included).

Ward codes are the post-2025 codes of the ``vietnam-provinces`` package, province 75.
"""

from __future__ import annotations

from app.seed.specs import OutletSpec as O

# The tables read best a row to a few lines, so the formatter leaves them alone.
# fmt: off
OUTLETS: tuple[O, ...] = (
    # Former Đồng Nai province
    O("Trấn Biên", 26041, "Số 86 đường Cách Mạng Tháng Tám", 10.9477, 106.8244, "0251 3822 468",
      (26041, 26068, 26017, 26020, 26374, 26377, 25993), priority=10, delivery_fee_vnd=15000,
      hours="6:30–21:00 hằng ngày", opens_at="06:30", closes_at="21:00"),
    O("Hố Nai", 26005, "Số 312 Quốc lộ 1A", 10.9702, 106.8806, "0251 3881 204",
      (26005, 25993, 26020, 26068, 26248), priority=20, delivery_fee_vnd=15000),
    O("Long Thành", 26368, "Số 38 đường Lê Duẩn", 10.7826, 106.9510, "0251 3844 316",
      (26368, 26383, 26389, 26413, 26422, 26380), priority=30),
    O("Nhơn Trạch", 26485, "Số 210 đường Tôn Đức Thắng", 10.7366, 106.9342, "0251 3560 718",
      (26485, 26491, 26503, 26422, 26380), priority=40),
    O("Trảng Bom", 26248, "Số 45 đường 29 Tháng 4", 10.9510, 107.0062, "0251 3866 125",
      (26248, 26254, 26281, 26278, 26296, 26005), priority=30),
    O("Long Khánh", 26080, "Số 27 đường Hùng Vương", 10.9372, 107.2441, "0251 3877 539",
      (26080, 26089, 26098, 26104, 26113, 26326, 26329), priority=20,
      hours="6:30–20:00 hằng ngày", opens_at="06:30"),
    O("Xuân Lộc", 26425, "Số 15 Quốc lộ 1A, khu phố 1", 10.9205, 107.4031, "0251 3741 082",
      (26425, 26434, 26428, 26446, 26458, 26461), priority=40, delivery_fee_vnd=25000),
    O("Định Quán", 26206, "Số 88 Quốc lộ 20, khu phố Hiệp Tâm", 11.1934, 107.3429, "0251 3853 617",
      (26206, 26215, 26221, 26227, 26209), priority=50, delivery_fee_vnd=25000),
    O("Tân Phú", 26116, "Số 56 Quốc lộ 20, khu 5", 11.2690, 107.4331, "0251 3856 240",
      (26116, 26134, 26122, 26158, 26119), priority=60, delivery_fee_vnd=30000,
      hours="7:00–18:30 hằng ngày", closes_at="18:30", offers_delivery=False),
    # Former Bình Phước province
    O("Đồng Xoài", 25210, "Số 18 đường Phú Riềng Đỏ", 11.5352, 106.8851, "0271 3879 456",
      (25210, 25195, 25363, 25378, 25387, 25390), priority=10, delivery_fee_vnd=15000),
    O("Bình Long", 25326, "Số 9 đường Nguyễn Huệ", 11.6541, 106.6072, "0271 3866 219",
      (25326, 25336, 25345, 25357, 25349), priority=40),
    O("Phước Long", 25217, "Số 33 đường Lê Quý Đôn", 11.8352, 106.9953, "0271 3778 164",
      (25217, 25220, 25255, 25246, 25225), priority=40, delivery_fee_vnd=25000),
    O("Chơn Thành", 25432, "Số 120 Quốc lộ 13", 11.4291, 106.6580, "0271 3668 305",
      (25432, 25441, 25453, 25351), priority=30),
    O("Lộc Ninh", 25270, "Số 21 Quốc lộ 13, khu phố Ninh Thịnh", 11.8370, 106.5882, "0271 3566 147",
      (25270, 25279, 25280, 25303, 25294, 25292), priority=60, delivery_fee_vnd=30000,
      hours="7:00–18:00 hằng ngày", closes_at="18:00", offers_delivery=False),
    O("Bù Đăng", 25396, "Số 64 Quốc lộ 14, khu Đức Lập", 11.8133, 107.2412, "0271 3968 532",
      (25396, 25402, 25399, 25405, 25417, 25420), priority=50, delivery_fee_vnd=30000),
)
# fmt: on
