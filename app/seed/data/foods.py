"""Bird's nest, mushrooms and cordyceps, cashew nuts and other processed foods."""

from __future__ import annotations

from app.seed.specs import P, V, vnd, weighed


def nest_boxes(price_100g: int) -> tuple:
    """A 50 g box (a little over half the price) and a 100 g box of bird's nest."""
    return (V("Hộp 50 g", 120, vnd(price_100g * 0.52)), V("Hộp 100 g", 200, price_100g))


def bags(*rows: tuple[int, int], kind: str = "Túi") -> tuple:
    """Packed goods by net weight: (grams, price) → "Túi 500 g"."""
    return tuple(
        V(f"{kind} {grams} g" if grams < 1000 else f"{kind} {grams // 1000} kg", grams, price) for grams, price in rows
    )


# The tables read best a row to a few lines, so the formatter leaves them alone.
# fmt: off
NEST = (
    P("yenbudang", "yen-sao", "Yến thô còn lông nguyên tổ", "box", nest_boxes(2500000),
      "Tổ yến thô nguyên chiếc, còn lông, dành cho khách tự làm sạch tại nhà.",
      detail="Tổ to, đều, sợi dày; ngâm nở gấp 6–8 lần."),
    P("yenbudang", "yen-sao", "Yến tinh chế nguyên tổ Bù Đăng", "box", nest_boxes(3200000),
      "Tổ yến đã nhặt sạch lông bằng tay, giữ nguyên hình tổ, sợi yến dai.",
      certs=("ocop", "haccp"), ocop=4, featured=True),
    P("yenbudang", "yen-sao", "Yến sợi tinh chế", "box", nest_boxes(2800000),
      "Sợi yến tinh chế dài, sạch lông, tiện chưng nhanh cho cả nhà.", certs=("ocop",), ocop=3),
    P("yenbudang", "yen-sao", "Yến chưng đường phèn", "jar",
      (V("Hũ 70 ml", 150, 48000), V("Hộp 6 hũ 70 ml", 950, 270000)),
      "Yến chưng sẵn với đường phèn, 15% yến tươi, uống liền, không chất bảo quản.", certs=("haccp",)),
    P("yenbudang", "yen-sao", "Chân yến tinh chế", "box", nest_boxes(2500000),
      "Chân tổ yến giàu dưỡng chất, sợi chắc, giá mềm hơn tổ nguyên."),
    P("yenthutrang", "yen-sao", "Tổ yến rút lông Long Khánh", "box", nest_boxes(3000000),
      "Tổ yến nhà nuôi ở Long Khánh, rút lông thủ công, nở đều, thơm nhẹ.",
      certs=("ocop",), ocop=3, featured=True),
    P("yenthutrang", "yen-sao", "Yến vụn tinh chế", "box", nest_boxes(2500000),
      "Yến vụn sạch, sợi ngắn, hợp chưng cho trẻ nhỏ và người lớn tuổi."),
    P("yenthutrang", "yen-sao", "Yến chưng hạt sen táo đỏ", "jar",
      (V("Hũ 70 ml", 150, 55000), V("Hộp 6 hũ 70 ml", 950, 310000)),
      "Yến chưng cùng hạt sen, táo đỏ, vị ngọt dịu, uống lạnh ngon hơn."),
    P("yenthutrang", "yen-sao", "Hộp quà Tết yến sào 2024", "box", (V("Hộp quà 100 g", 600, 3500000),),
      "Hộp quà Tết gồm 100 g yến tinh chế, đường phèn và hộp gỗ khắc chữ.", status="archived"),
)

MUSHROOMS = (
    P("dongtrung", "dong-trung-ha-thao", "Đông trùng hạ thảo sấy thăng hoa", "jar",
      (V("Hũ 10 g", 60, 520000), V("Hũ 20 g", 90, 990000)),
      "Quả thể đông trùng hạ thảo sấy thăng hoa, giữ nguyên màu cam và hương thơm.",
      certs=("ocop", "haccp"), ocop=4, featured=True),
    P("dongtrung", "dong-trung-ha-thao", "Đông trùng hạ thảo sấy khô", "jar",
      (V("Hũ 10 g", 60, 350000), V("Hũ 50 g", 180, 1650000)),
      "Đông trùng hạ thảo sấy lạnh, sợi đều, pha trà hay hầm gà đều tiện.", certs=("ocop",), ocop=3),
    P("dongtrung", "dong-trung-ha-thao", "Đông trùng hạ thảo tươi", "box", (V("Hộp 100 g", 180, 380000),),
      "Quả thể tươi thu hái trong tuần, giữ lạnh 2–8 °C, dùng trong 7 ngày."),
    P("dongtrung", "dong-trung-ha-thao", "Trà đông trùng hạ thảo túi lọc", "box",
      (V("Hộp 20 túi lọc", 120, 180000),),
      "Trà túi lọc từ đông trùng hạ thảo và cỏ ngọt, pha nước sôi 5 phút là dùng được.", certs=("ocop",), ocop=3),
    P("dongtrung", "dong-trung-ha-thao", "Đông trùng hạ thảo ngâm mật ong", "jar", (V("Hũ 250 ml", 450, 320000),),
      "Đông trùng hạ thảo ngâm mật ong hoa cà phê, mỗi sáng một thìa pha nước ấm."),
    P("dongtrung", "dong-trung-ha-thao", "Nước uống đông trùng hạ thảo", "bottle",
      (V("Chai 250 ml", 280, 35000), V("Thùng 24 chai", 6800, 780000)),
      "Nước đông trùng hạ thảo đóng chai, ít ngọt, uống lạnh."),
    P("namdinhquan", "nam-an", "Nấm bào ngư xám Định Quán", "kg", weighed(55000),
      "Nấm bào ngư xám tai dày, giòn ngọt, hái buổi sáng.", certs=("vietgap",)),
    P("namdinhquan", "nam-an", "Nấm bào ngư trắng", "kg", weighed(50000),
      "Nấm bào ngư trắng mềm, thơm, hợp xào, nấu lẩu và món chay."),
    P("namdinhquan", "nam-an", "Nấm rơm Định Quán", "kg", weighed(90000, 300, 500),
      "Nấm rơm búp tròn, chắc, trồng trên rơm rạ sạch."),
    P("namdinhquan", "nam-an", "Nấm mèo sấy khô", "bag", bags((200, 45000), (500, 105000)),
      "Nấm mèo (mộc nhĩ) đen phơi khô, giòn sần sật, làm chả giò, nấu miến."),
    P("namdinhquan", "nam-an", "Nấm linh chi đỏ thái lát", "bag", bags((250, 250000)),
      "Linh chi đỏ trồng trên mùn cưa cao su, thái lát sẵn để sắc nước uống.", certs=("ocop",), ocop=3),
    P("namdinhquan", "nam-an", "Nấm bào ngư sấy giòn", "bag", bags((100, 45000), (250, 105000)),
      "Nấm sấy giòn vị tỏi ớt, món ăn vặt chay không chiên ngập dầu."),
    P("namromminhthu", "nam-an", "Nấm rơm búp Minh Thư", "kg", weighed(85000, 500, 1000),
      "Nấm rơm búp non hái trong ngày tại Xuân Thành."),
    P("namromminhthu", "nam-an", "Nấm rơm sấy khô Minh Thư", "bag", bags((200, 120000)),
      "Nấm rơm sấy khô, ngâm nở nấu canh, kho chay."),
)

CASHEWS = (
    P("dieuphuoclong", "hat-dieu", "Hạt điều rang muối vỏ lụa Phước Long", "bag",
      bags((250, 115000), (500, 220000)),
      "Hạt điều loại 1 rang muối còn vỏ lụa, giòn, bùi, mặn nhẹ.",
      certs=("ocop", "haccp"), ocop=4, featured=True),
    P("dieuphuoclong", "hat-dieu", "Hạt điều tươi bóc vỏ lụa W320", "bag", bags((500, 210000), (1000, 410000)),
      "Nhân điều trắng W320 chưa rang, dùng nấu sữa hạt, làm bánh, nấu chè.", certs=("haccp",)),
    P("dieuphuoclong", "hat-dieu", "Hạt điều rang tỏi ớt", "jar", bags((250, 125000), (500, 235000), kind="Hũ"),
      "Hạt điều rang cùng tỏi phi và ớt khô, cay thơm, hợp nhâm nhi.", certs=("ocop",), ocop=3),
    P("dieuphuoclong", "hat-dieu", "Hạt điều mật ong mè trắng", "jar", bags((300, 150000), kind="Hũ"),
      "Hạt điều áo mật ong và mè trắng rang, ngọt nhẹ, giòn rụm."),
    P("dieuphuoclong", "hat-dieu", "Hạt điều sấy giòn không muối", "bag", bags((500, 215000)),
      "Hạt điều sấy giòn không thêm muối, hợp người ăn kiêng và trẻ nhỏ."),
    P("dieuphuoclong", "hat-dieu", "Hạt điều vỡ làm bánh", "bag", bags((500, 145000), (1000, 280000)),
      "Nhân điều vỡ đôi, vỡ tư, sạch, giá mềm để làm bánh, nấu sữa hạt."),
    P("dieubugiamap", "hat-dieu", "Hạt điều rang củi Bù Gia Mập", "bag", bags((500, 195000), (1000, 380000)),
      "Điều rang củi trong chảo gang theo cách truyền thống, thơm khói nhẹ, vỏ lụa giòn.",
      certs=("ocop",), ocop=3),
    P("dieubugiamap", "hat-dieu", "Nhân điều W240 loại 1", "bag", bags((500, 240000)),
      "Nhân điều trắng cỡ to W240, bóc tách thủ công, nguyên hạt không sứt."),
    P("dieubugiamap", "hat-dieu", "Hạt điều phô mai", "jar", bags((300, 160000), kind="Hũ"),
      "Hạt điều áo phô mai, sản phẩm mới đang thử công thức.", status="draft"),
)

PROCESSED = (
    P("chabongut", "do-kho-gia-vi", "Chà bông heo làm tay", "jar", bags((200, 85000), (500, 200000), kind="Hũ"),
      "Chà bông heo nạc đùi, xé tay, sợi tơi, không phẩm màu, không chất bảo quản.",
      certs=("ocop",), ocop=3, featured=True),
    P("chabongut", "do-kho-gia-vi", "Chà bông gà xé cay", "jar", bags((200, 95000), kind="Hũ"),
      "Chà bông gà ta xé sợi, xào sả ớt, cay nhẹ, ăn với xôi, cơm, bánh mì."),
    P("chabongut", "do-kho-gia-vi", "Mắm ruốc xào sả ớt", "jar", bags((250, 55000), kind="Hũ"),
      "Mắm ruốc xào với sả, ớt, tỏi và thịt ba rọi, chấm xoài, kho quẹt."),
    P("chabongut", "do-kho-gia-vi", "Muối ớt tôm hạt điều", "jar", bags((200, 50000), kind="Hũ"),
      "Muối tôm rang cùng hạt điều giã, ớt xiêm, chấm trái cây cực hợp."),
    P("chabongut", "do-kho-gia-vi", "Tương ớt tỏi nhà làm", "bottle", (V("Chai 250 ml", 320, 35000),),
      "Tương ớt từ ớt chỉ thiên và tỏi Lý Sơn, xay nhuyễn, không phẩm màu."),
    P("tieuloan", "do-kho-gia-vi", "Tiêu đen Lộc Ninh", "bag", bags((500, 95000), (1000, 180000)),
      "Tiêu đen hạt chắc, cay nồng, phơi nắng tự nhiên, sàng tay loại bỏ hạt lép.", certs=("ocop",), ocop=3),
    P("tieuloan", "do-kho-gia-vi", "Tiêu sọ trắng Lộc Ninh", "bag", bags((250, 95000)),
      "Tiêu sọ (tiêu trắng) bóc vỏ, thơm dịu, hợp nấu cháo, súp, món Âu."),
    P("tieuloan", "do-kho-gia-vi", "Muối tiêu chanh", "jar", bags((150, 35000), kind="Hũ"),
      "Muối tiêu chanh pha sẵn, chấm hải sản, thịt luộc, gà luộc."),
    P("thocambombo", "do-kho-gia-vi", "Măng le rừng phơi khô", "bag", bags((500, 120000)),
      "Măng le do chị em S'tiêng hái ở rừng Bom Bo, luộc kỹ rồi phơi khô."),
    P("banhduyen", "banh-mut", "Bánh quy hạt điều bơ", "box", (V("Hộp 300 g", 400, 95000),),
      "Bánh quy bơ giòn xốp, nhiều hạt điều Bình Phước, ít ngọt."),
    P("banhduyen", "banh-mut", "Mứt gừng dẻo", "bag", bags((250, 60000)),
      "Mứt gừng sẻ Xuân Lộc sên đường, dẻo, cay ấm, không phẩm màu."),
    P("banhduyen", "banh-mut", "Mứt dừa non lá dứa", "bag", bags((300, 70000)),
      "Mứt dừa non màu xanh lá dứa tự nhiên, dẻo mềm, ngọt vừa."),
    P("banhduyen", "banh-mut", "Bánh bông lan trứng muối", "box", (V("Hộp 6 cái", 480, 120000),),
      "Bánh bông lan mềm ẩm, trứng muối, chà bông và sốt bơ.", status="draft"),
)
# fmt: on
