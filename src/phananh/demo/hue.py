"""Huế demo data: agencies, routing, sample reports and answers.

Public facts and invented sample texts.
"""

# The 40 wards and communes of Huế from 1 July 2025 (official codes, names, interior points).
WARDS: list[dict] = [
    {
        "code": "19753",
        "name_vi": "Phường Phú Xuân",
        "name_en": "Phu Xuan Ward",
        "level": "ward",
        "lat": 16.479631,
        "lon": 107.574292,
    },
    {
        "code": "19774",
        "name_vi": "Phường Kim Long",
        "name_en": "Kim Long Ward",
        "level": "ward",
        "lat": 16.402158,
        "lon": 107.548852,
    },
    {
        "code": "19777",
        "name_vi": "Phường Vỹ Dạ",
        "name_en": "Vy Da Ward",
        "level": "ward",
        "lat": 16.475095,
        "lon": 107.610572,
    },
    {
        "code": "19789",
        "name_vi": "Phường Thuận Hoá",
        "name_en": "Thuan Hoa Ward",
        "level": "ward",
        "lat": 16.454228,
        "lon": 107.583011,
    },
    {
        "code": "19804",
        "name_vi": "Phường Hương An",
        "name_en": "Huong An Ward",
        "level": "ward",
        "lat": 16.475676,
        "lon": 107.522536,
    },
    {
        "code": "19813",
        "name_vi": "Phường Thuỷ Xuân",
        "name_en": "Thuy Xuan Ward",
        "level": "ward",
        "lat": 16.397018,
        "lon": 107.592826,
    },
    {
        "code": "19815",
        "name_vi": "Phường An Cựu",
        "name_en": "An Cuu Ward",
        "level": "ward",
        "lat": 16.436152,
        "lon": 107.598074,
    },
    {
        "code": "19819",
        "name_vi": "Phường Phong Điền",
        "name_en": "Phong Dien Ward",
        "level": "ward",
        "lat": 16.48199,
        "lon": 107.245956,
    },
    {
        "code": "19828",
        "name_vi": "Phường Phong Phú",
        "name_en": "Phong Phu Ward",
        "level": "ward",
        "lat": 16.694702,
        "lon": 107.406794,
    },
    {
        "code": "19831",
        "name_vi": "Phường Phong Dinh",
        "name_en": "Phong Dinh Ward",
        "level": "ward",
        "lat": 16.643126,
        "lon": 107.371283,
    },
    {
        "code": "19858",
        "name_vi": "Phường Phong Thái",
        "name_en": "Phong Thai Ward",
        "level": "ward",
        "lat": 16.479417,
        "lon": 107.400511,
    },
    {
        "code": "19867",
        "name_vi": "Xã Quảng Điền",
        "name_en": "Quang Dien Commune",
        "level": "commune",
        "lat": 16.565224,
        "lon": 107.54397,
    },
    {
        "code": "19873",
        "name_vi": "Phường Phong Quảng",
        "name_en": "Phong Quang Ward",
        "level": "ward",
        "lat": 16.635339,
        "lon": 107.499015,
    },
    {
        "code": "19885",
        "name_vi": "Xã Đan Điền",
        "name_en": "Dan Dien Commune",
        "level": "commune",
        "lat": 16.594815,
        "lon": 107.484315,
    },
    {
        "code": "19900",
        "name_vi": "Phường Thuận An",
        "name_en": "Thuan An Ward",
        "level": "ward",
        "lat": 16.559475,
        "lon": 107.641917,
    },
    {
        "code": "19909",
        "name_vi": "Phường Dương Nỗ",
        "name_en": "Duong No Ward",
        "level": "ward",
        "lat": 16.522309,
        "lon": 107.595361,
    },
    {
        "code": "19918",
        "name_vi": "Xã Phú Hồ",
        "name_en": "Phu Ho Commune",
        "level": "commune",
        "lat": 16.480381,
        "lon": 107.697398,
    },
    {
        "code": "19930",
        "name_vi": "Phường Mỹ Thượng",
        "name_en": "My Thuong Ward",
        "level": "ward",
        "lat": 16.504854,
        "lon": 107.6282,
    },
    {
        "code": "19942",
        "name_vi": "Xã Phú Vang",
        "name_en": "Phu Vang Commune",
        "level": "commune",
        "lat": 16.402241,
        "lon": 107.768009,
    },
    {
        "code": "19945",
        "name_vi": "Xã Phú Vinh",
        "name_en": "Phu Vinh Commune",
        "level": "commune",
        "lat": 16.459846,
        "lon": 107.773186,
    },
    {
        "code": "19960",
        "name_vi": "Phường Phú Bài",
        "name_en": "Phu Bai Ward",
        "level": "ward",
        "lat": 16.288069,
        "lon": 107.605066,
    },
    {
        "code": "19969",
        "name_vi": "Phường Thanh Thuỷ",
        "name_en": "Thanh Thuy Ward",
        "level": "ward",
        "lat": 16.423918,
        "lon": 107.630195,
    },
    {
        "code": "19975",
        "name_vi": "Phường Hương Thuỷ",
        "name_en": "Huong Thuy Ward",
        "level": "ward",
        "lat": 16.40239,
        "lon": 107.720043,
    },
    {
        "code": "19996",
        "name_vi": "Phường Hương Trà",
        "name_en": "Huong Tra Ward",
        "level": "ward",
        "lat": 16.457195,
        "lon": 107.433121,
    },
    {
        "code": "20014",
        "name_vi": "Phường Hoá Châu",
        "name_en": "Hoa Chau Ward",
        "level": "ward",
        "lat": 16.53531,
        "lon": 107.563375,
    },
    {
        "code": "20017",
        "name_vi": "Phường Kim Trà",
        "name_en": "Kim Tra Ward",
        "level": "ward",
        "lat": 16.493887,
        "lon": 107.512268,
    },
    {
        "code": "20035",
        "name_vi": "Xã Bình Điền",
        "name_en": "Binh Dien Commune",
        "level": "commune",
        "lat": 16.357642,
        "lon": 107.444291,
    },
    {
        "code": "20044",
        "name_vi": "Xã A Lưới 2",
        "name_en": "Commune A Luoi 2",
        "level": "commune",
        "lat": 16.253651,
        "lon": 107.203372,
    },
    {
        "code": "20050",
        "name_vi": "Xã A Lưới 5",
        "name_en": "Commune A Luoi 5",
        "level": "commune",
        "lat": 16.199043,
        "lon": 107.453787,
    },
    {
        "code": "20056",
        "name_vi": "Xã A Lưới 1",
        "name_en": "Commune A Luoi 1",
        "level": "commune",
        "lat": 16.339732,
        "lon": 107.167379,
    },
    {
        "code": "20071",
        "name_vi": "Xã A Lưới 3",
        "name_en": "Commune A Luoi 3",
        "level": "commune",
        "lat": 16.209164,
        "lon": 107.243723,
    },
    {
        "code": "20101",
        "name_vi": "Xã A Lưới 4",
        "name_en": "Commune A Luoi 4",
        "level": "commune",
        "lat": 16.153602,
        "lon": 107.33604,
    },
    {
        "code": "20107",
        "name_vi": "Xã Phú Lộc",
        "name_en": "Phu Loc Commune",
        "level": "commune",
        "lat": 16.258727,
        "lon": 107.884621,
    },
    {
        "code": "20122",
        "name_vi": "Xã Vinh Lộc",
        "name_en": "Vinh Loc Commune",
        "level": "commune",
        "lat": 16.361576,
        "lon": 107.873373,
    },
    {
        "code": "20131",
        "name_vi": "Xã Hưng Lộc",
        "name_en": "Hung Loc Commune",
        "level": "commune",
        "lat": 16.306773,
        "lon": 107.714939,
    },
    {
        "code": "20137",
        "name_vi": "Xã Chân Mây - Lăng Cô",
        "name_en": "Chan May - Lang Co Commune",
        "level": "commune",
        "lat": 16.26173,
        "lon": 107.990757,
    },
    {
        "code": "20140",
        "name_vi": "Xã Lộc An",
        "name_en": "Loc An Commune",
        "level": "commune",
        "lat": 16.272707,
        "lon": 107.79412,
    },
    {
        "code": "20161",
        "name_vi": "Xã Khe Tre",
        "name_en": "Khe Tre Commune",
        "level": "commune",
        "lat": 16.143254,
        "lon": 107.783476,
    },
    {
        "code": "20179",
        "name_vi": "Xã Nam Đông",
        "name_en": "Nam Dong Commune",
        "level": "commune",
        "lat": 16.107854,
        "lon": 107.696639,
    },
    {
        "code": "20182",
        "name_vi": "Xã Long Quảng",
        "name_en": "Long Quang Commune",
        "level": "commune",
        "lat": 16.095431,
        "lon": 107.592129,
    },
]

CITY: dict = {
    "code": "46",
    "name_vi": "Thành phố Huế",
    "name_en": "Hue City",
    "level": "city",
    "lat": 16.4637,
    "lon": 107.5909,
}

# Agencies other than the ward/commune People's Committees (the seed creates those from WARDS
# as f"ubnd-{code}"). Addresses and phone numbers are invented placeholders.
AGENCIES: list[dict] = [
    {
        "code": "ioc",
        "kind": "ioc",
        "name_vi": "Trung tâm Giám sát, điều hành đô thị thông minh",
        "name_en": "Smart City Monitoring and Operations Centre (IOC)",
        "parent": None,
        "email": "ioc@hue.example.vn",
        "phone": "0234 3900 100",
    },
    {
        "code": "so-xay-dung",
        "kind": "department",
        "name_vi": "Sở Xây dựng",
        "name_en": "Department of Construction",
        "parent": None,
        "email": "soxaydung@hue.example.vn",
        "phone": "0234 3900 120",
    },
    {
        "code": "phong-quan-ly-giao-thong",
        "kind": "department",
        "name_vi": "Phòng Quản lý giao thông (Sở Xây dựng)",
        "name_en": "Transport Management Division (Department of Construction)",
        "parent": "so-xay-dung",
        "email": "qlgt.soxaydung@hue.example.vn",
        "phone": "0234 3900 121",
    },
    {
        "code": "so-nong-nghiep-moi-truong",
        "kind": "department",
        "name_vi": "Sở Nông nghiệp và Môi trường",
        "name_en": "Department of Agriculture and Environment",
        "parent": None,
        "email": "sonnmt@hue.example.vn",
        "phone": "0234 3900 130",
    },
    {
        "code": "chi-cuc-chan-nuoi-thu-y",
        "kind": "department",
        "name_vi": "Chi cục Chăn nuôi và Thú y",
        "name_en": "Sub-department of Livestock Production and Animal Health",
        "parent": "so-nong-nghiep-moi-truong",
        "email": "chicucthuy@hue.example.vn",
        "phone": "0234 3900 131",
    },
    {
        "code": "so-y-te",
        "kind": "department",
        "name_vi": "Sở Y tế",
        "name_en": "Department of Health",
        "parent": None,
        "email": "soyte@hue.example.vn",
        "phone": "0234 3900 140",
    },
    {
        "code": "chi-cuc-attp",
        "kind": "department",
        "name_vi": "Chi cục An toàn vệ sinh thực phẩm",
        "name_en": "Food Safety Sub-department",
        "parent": "so-y-te",
        "email": "chicucattp@hue.example.vn",
        "phone": "0234 3900 141",
    },
    {
        "code": "cdc",
        "kind": "public_service",
        "name_vi": "Trung tâm Kiểm soát bệnh tật thành phố Huế",
        "name_en": "Hue Centre for Disease Control (CDC)",
        "parent": "so-y-te",
        "email": "cdc@hue.example.vn",
        "phone": "0234 3900 142",
    },
    {
        "code": "so-du-lich",
        "kind": "department",
        "name_vi": "Sở Du lịch",
        "name_en": "Department of Tourism",
        "parent": None,
        "email": "sodulich@hue.example.vn",
        "phone": "0234 3900 150",
    },
    {
        "code": "so-van-hoa-the-thao",
        "kind": "department",
        "name_vi": "Sở Văn hoá và Thể thao",
        "name_en": "Department of Culture and Sports",
        "parent": None,
        "email": "sovhtt@hue.example.vn",
        "phone": "0234 3900 151",
    },
    {
        "code": "so-cong-thuong",
        "kind": "department",
        "name_vi": "Sở Công Thương",
        "name_en": "Department of Industry and Trade",
        "parent": None,
        "email": "socongthuong@hue.example.vn",
        "phone": "0234 3900 160",
    },
    {
        "code": "so-noi-vu",
        "kind": "department",
        "name_vi": "Sở Nội vụ",
        "name_en": "Department of Home Affairs",
        "parent": None,
        "email": "sonoivu@hue.example.vn",
        "phone": "0234 3900 170",
    },
    {
        "code": "cong-an-thanh-pho",
        "kind": "police",
        "name_vi": "Công an thành phố Huế",
        "name_en": "Hue City Police",
        "parent": None,
        "email": "congan@hue.example.vn",
        "phone": "0234 3900 180",
    },
    {
        "code": "phong-csgt",
        "kind": "police",
        "name_vi": "Phòng Cảnh sát giao thông",
        "name_en": "Traffic Police Division",
        "parent": "cong-an-thanh-pho",
        "email": "csgt.congan@hue.example.vn",
        "phone": "0234 3900 181",
    },
    {
        "code": "huewaco",
        "kind": "utility",
        "name_vi": "Công ty Cổ phần Cấp nước Thừa Thiên Huế (Huewaco)",
        "name_en": "Thua Thien Hue Water Supply JSC (Huewaco)",
        "parent": None,
        "email": "huewaco@hue.example.vn",
        "phone": "0234 3900 190",
    },
    {
        "code": "dien-luc",
        "kind": "utility",
        "name_vi": "Công ty Điện lực Thừa Thiên Huế",
        "name_en": "Thua Thien Hue Power Company",
        "parent": None,
        "email": "dienluc@hue.example.vn",
        "phone": "0234 3900 200",
    },
    {
        "code": "hepco",
        "kind": "utility",
        "name_vi": "Công ty Cổ phần Môi trường và Công trình đô thị Huế (HEPCO)",
        "name_en": "Hue Urban Environment and Public Works JSC (HEPCO)",
        "parent": None,
        "email": "hepco@hue.example.vn",
        "phone": "0234 3900 210",
    },
    {
        "code": "bao-ton-di-tich",
        "kind": "heritage",
        "name_vi": "Trung tâm Bảo tồn Di tích Cố đô Huế",
        "name_en": "Hue Monuments Conservation Centre",
        "parent": None,
        "email": "baotondisan@hue.example.vn",
        "phone": "0234 3900 220",
    },
]

# rule "area": the People's Committee of the ward containing the point; "agency": one fixed
# agency; "table": the first row whose wards contain the point, else "agency" as the fallback.
CATEGORY_ROUTING: dict[str, dict] = {
    "sanitation": {
        "rule": "area",
        "agency": None,
        "table": [],
    },
    "pollution": {
        "rule": "agency",
        "agency": "so-nong-nghiep-moi-truong",
        "table": [],
    },
    "noise": {
        "rule": "area",
        "agency": None,
        "table": [],
    },
    "sidewalk": {
        "rule": "area",
        "agency": None,
        "table": [],
    },
    "construction": {
        "rule": "area",
        "agency": None,
        "table": [],
    },
    "road": {
        "rule": "agency",
        "agency": "phong-quan-ly-giao-thong",
        "table": [],
    },
    "traffic": {
        "rule": "table",
        "agency": "cong-an-thanh-pho",
        "table": [
            {
                "wards": [
                    "19753",
                    "19774",
                    "19777",
                    "19789",
                    "19804",
                    "19813",
                    "19815",
                    "19900",
                    "19909",
                    "19930",
                    "19960",
                    "19969",
                    "20014",
                ],
                "agency": "phong-csgt",
            },
        ],
    },
    "lighting": {
        "rule": "agency",
        "agency": "hepco",
        "table": [],
    },
    "power": {
        "rule": "agency",
        "agency": "dien-luc",
        "table": [],
    },
    "water": {
        "rule": "agency",
        "agency": "huewaco",
        "table": [],
    },
    "drainage": {
        "rule": "agency",
        "agency": "hepco",
        "table": [],
    },
    "trees": {
        "rule": "table",
        "agency": "so-xay-dung",
        "table": [
            {
                "wards": [
                    "19753",
                    "19774",
                    "19777",
                    "19789",
                    "19804",
                    "19813",
                    "19815",
                ],
                "agency": "hepco",
            },
        ],
    },
    "security": {
        "rule": "table",
        "agency": "cong-an-thanh-pho",
        "table": [
            {
                "wards": [
                    "19753",
                    "19774",
                    "19789",
                ],
                "agency": "cong-an-thanh-pho",
            },
        ],
    },
    "food": {
        "rule": "agency",
        "agency": "chi-cuc-attp",
        "table": [],
    },
    "health": {
        "rule": "agency",
        "agency": "cdc",
        "table": [],
    },
    "tourism": {
        "rule": "agency",
        "agency": "so-du-lich",
        "table": [],
    },
    "admin": {
        "rule": "agency",
        "agency": "so-noi-vu",
        "table": [],
    },
    "animals": {
        "rule": "area",
        "agency": None,
        "table": [],
    },
    "other": {
        "rule": "area",
        "agency": None,
        "table": [],
    },
}

# Invented sample reports; lang: vi (with diacritics), vi_plain (no diacritics, chat style), en.
REPORTS: list[dict] = [
    {
        "text": (
            "Khu vực bến thuyền phía sau chợ Đông Ba rác ứ đọng mấy ngày nay không "
            "ai dọn, bốc mùi hôi thối nặng. Chiều nào tiểu thương cũng đổ thêm rác "
            "ra đây, ruồi nhặng bu đầy."
        ),
        "category": "sanitation",
        "ward": "19753",
        "address": "Bến thuyền phía sau chợ Đông Ba",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đầu kiệt 28 Nguyễn Công Trứ có người đổ trộm xà bần và nệm cũ, chất "
            "cao gần 1 mét, chiếm gần nửa lối đi. Đã gần một tuần rồi mà chưa thấy "
            "xe rác đến lấy."
        ),
        "category": "sanitation",
        "ward": "19789",
        "address": "Đầu kiệt 28 Nguyễn Công Trứ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Dọc vỉa hè đường Tố Hữu có 3 thùng rác công cộng bị vỡ nắp, rác tràn "
            "ra ngoài, chó mèo bới tung cả ra đường. Đề nghị thay thùng mới."
        ),
        "category": "sanitation",
        "ward": "19815",
        "address": "Vỉa hè đường Tố Hữu",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Dưới bờ kè sông Hương đoạn đường Nguyễn Sinh Cung có nhiều túi rác, "
            "chai nhựa người ta ném xuống, lâu ngày thành bãi rác nhỏ ngay mép "
            "nước. Nhìn rất phản cảm, khách du lịch đi bộ qua đây nhiều."
        ),
        "category": "sanitation",
        "ward": "19777",
        "address": "Bờ kè sông Hương, đường Nguyễn Sinh Cung",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Sau dịp lễ, bãi biển Thuận An phía gần chợ còn ngổn ngang rác nhựa, vỏ"
            " lon, hộp xốp. Sáng nay đi tắm biển thấy rác trôi dạt cả vào bờ."
        ),
        "category": "sanitation",
        "ward": "19900",
        "address": "Bãi biển Thuận An, phía gần chợ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Điểm tập kết rác cạnh chợ Phú Bài chỉ được thu gom buổi tối, cả ngày "
            "rác để lộ thiên, nước rỉ chảy ra đường. Mùa nắng mùi hôi rất khó chịu "
            "cho các hộ xung quanh."
        ),
        "category": "sanitation",
        "ward": "19960",
        "address": "Điểm tập kết rác cạnh chợ Phú Bài",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Bãi đất trống cạnh khu quy hoạch ở Hương Thuỷ đang thành bãi rác tự "
            "phát: xà bần, gạch vỡ, cả bàn ghế hư. Nhiều đêm có xe ba gác chở đến "
            "đổ."
        ),
        "category": "sanitation",
        "ward": "19975",
        "address": "Bãi đất trống cạnh khu quy hoạch, Hương Thuỷ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Rác sau buổi chợ Phong Điền không được quét dọn, nhất là khu bán cá, "
            "nước tanh chảy tràn ra đường. Xin cho xe thu gom đến sớm hơn, khoảng "
            "11 giờ trưa là chợ đã vãn."
        ),
        "category": "sanitation",
        "ward": "19819",
        "address": "Chợ Phong Điền, khu bán cá",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Lên đồi Vọng Cảnh theo đường Huyền Trân Công Chúa thấy rác sinh hoạt "
            "bị vứt thành từng bọc dưới chân đồi, có cả bông băng và kim tiêm. Rất "
            "nguy hiểm cho trẻ con hay chơi ở đây."
        ),
        "category": "sanitation",
        "ward": "19813",
        "address": "Chân đồi Vọng Cảnh, đường Huyền Trân Công Chúa",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Bãi tắm Lăng Cô đoạn dãy quán ăn ven biển nhiều rác thải từ các quán, "
            "thùng rác chỉ có vài cái, không đủ. Chiều tối gió thổi rác bay khắp "
            "bãi cát."
        ),
        "category": "sanitation",
        "ward": "20137",
        "address": "Bãi tắm Lăng Cô, dãy quán ăn ven biển",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "rac o dau kiet 5 Nhat Le de may ngay r ko ai thu gom, boc mui kinh "
            "khung. mn di ngang phai bit mui"
        ),
        "category": "sanitation",
        "ward": "19753",
        "address": "Đầu kiệt 5 Nhật Lệ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "khu pho tay Pham Ngu Lao sang nao cung day rac, ly nhua, vo chai tu "
            "toi hom truoc. cac quan dep hang xong la de rac ra le duong thoi"
        ),
        "category": "sanitation",
        "ward": "19789",
        "address": "Đường Phạm Ngũ Lão",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "canh cho Sia co ng do rac trong bao tai vs xa ban ra mep duong, 2 hom "
            "r chua ai don, hoi lam"
        ),
        "category": "sanitation",
        "ward": "19867",
        "address": "Cạnh chợ Sịa",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "duong lien thon o Phu Vang ng dan do rac ra 2 ben duong, xe rac 1 tuan"
            " moi toi 1 lan nen rac dong thanh dong. xin tang chuyen thu gom"
        ),
        "category": "sanitation",
        "ward": "19942",
        "address": "Đường liên thôn, xã Phú Vang",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "Huge pile of garbage by the river near Truong Tien bridge, on the "
            "south side. Plastic bags and food waste, and it smells terrible in the"
            " afternoon."
        ),
        "category": "sanitation",
        "ward": "19789",
        "address": "Hương River bank near Trường Tiền Bridge (south side)",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "The public bins along Dinh Tien Hoang street inside the citadel are "
            "overflowing and nobody has emptied them since the weekend."
        ),
        "category": "sanitation",
        "ward": "19753",
        "address": "Đinh Tiên Hoàng street, inside the Citadel",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Một cơ sở nấu rượu trong kiệt 102 Mai Thúc Loan xả nước thải thẳng ra "
            "cống chung, mùi chua nồng cả kiệt. Tình trạng kéo dài mấy tháng nay, "
            "nặng nhất là sáng sớm."
        ),
        "category": "pollution",
        "ward": "19753",
        "address": "Kiệt 102 Mai Thúc Loan",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Chiều nào cũng có người đốt rác, đốt lá khô ở bãi đất trống đường "
            "Nguyễn Khoa Chiêm, khói bay vào nhà dân đen cả sân phơi. Con nhỏ nhà "
            "tôi bị ho mấy hôm nay."
        ),
        "category": "pollution",
        "ward": "19815",
        "address": "Bãi đất trống đường Nguyễn Khoa Chiêm",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Ban đêm từ khu công nghiệp Phú Bài bốc lên mùi hôi rất nồng, khoảng "
            "22h đến 2h sáng, các hộ dân gần đó phải đóng kín cửa. Đề nghị kiểm tra"
            " việc xử lý khí thải."
        ),
        "category": "pollution",
        "ward": "19960",
        "address": "Khu công nghiệp Phú Bài",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nước dưới kênh cạnh đường Phạm Văn Đồng đen kịt, nổi váng và bốc mùi. "
            "Mấy hôm nay còn thấy cá chết trắng một đoạn khoảng 50 mét."
        ),
        "category": "pollution",
        "ward": "19777",
        "address": "Kênh thoát nước cạnh đường Phạm Văn Đồng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Xe chở cát, đất đi trên quốc lộ 1A đoạn qua Lộc An không che bạt, rơi "
            "vãi đầy đường, bụi mù mịt cả ngày. Nhà mặt đường lau nhà ba lần một "
            "ngày vẫn không hết bụi."
        ),
        "category": "pollution",
        "ward": "20140",
        "address": "Quốc lộ 1A đoạn qua Lộc An",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Quán nướng trên đường Bến Nghé hút khói thải thẳng ra sau nhà, mùi "
            "khói dầu mỡ ám vào các phòng trọ phía sau từ 5 giờ chiều đến khuya."
        ),
        "category": "pollution",
        "ward": "19789",
        "address": "Đường Bến Nghé",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một trại heo gần khu cầu ngói Thanh Toàn xả chất thải ra mương nước "
            "chảy vào ruộng, mùi hôi bay cả sang khu du lịch. Khách đến tham quan "
            "phải bịt mũi."
        ),
        "category": "pollution",
        "ward": "19969",
        "address": "Gần cầu ngói Thanh Toàn",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một nhà máy trong khu công nghiệp Phong Điền thỉnh thoảng xả khói màu "
            "vàng vào buổi tối, người dân thôn bên cạnh thấy cay mắt, khó thở."
        ),
        "category": "pollution",
        "ward": "19819",
        "address": "Khu công nghiệp Phong Điền",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cơ sở tái chế nhựa ở Dương Nỗ đốt phế liệu ban đêm, khói đen và mùi "
            "nhựa cháy rất độc. Xin cơ quan chức năng kiểm tra giấy phép môi trường"
            " của cơ sở này."
        ),
        "category": "pollution",
        "ward": "19909",
        "address": "Đường ven sông, Dương Nỗ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nước ở đầm Cầu Hai gần khu nuôi tôm đổi màu và có nhiều cá chết nổi. "
            "Nghi do các hồ nuôi tôm xả nước thải chưa xử lý ra đầm."
        ),
        "category": "pollution",
        "ward": "20107",
        "address": "Đầm Cầu Hai, khu nuôi tôm",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một xe bồn rò rỉ dầu trên đường Lê Duẩn gần cửa Chánh Tây, vệt dầu "
            "loang dài khoảng 30 mét. Đã có hai xe máy bị trượt ngã, cần rải cát và"
            " chặn đường gấp."
        ),
        "category": "pollution",
        "ward": "19753",
        "address": "Đường Lê Duẩn, gần cửa Chánh Tây",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "xuong nhuom chan nhang o duong Le Ngo Cat xa nuoc mau do ra muong, "
            "nuoc chay xuong ruong lua, ko ai xu ly"
        ),
        "category": "pollution",
        "ward": "19813",
        "address": "Đường Lê Ngô Cát",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "sang nao cung co ng dot rac nhua o bai dat ven pha Tam Giang, khoi bay"
            " vao nha, ngui thay muon oi. ai quan ly cho nay vay"
        ),
        "category": "pollution",
        "ward": "19873",
        "address": "Bãi đất ven phá Tam Giang, Phong Quảng",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "o Hoa Chau co lo giet mo heo xa nuoc thai ra song, nuoc den va hoi "
            "lam, mua nang la ko chiu noi"
        ),
        "category": "pollution",
        "ward": "20014",
        "address": "Ven sông, phường Hoá Châu",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "Strong smell of sewage along Hung Vuong street near the shopping mall,"
            " especially in the evening. It has been like this for several days."
        ),
        "category": "pollution",
        "ward": "19789",
        "address": "Hùng Vương street, near the shopping mall",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Someone is burning plastic on the beach at Thuan An every evening "
            "around sunset. Black smoke blows over the whole beach."
        ),
        "category": "pollution",
        "ward": "19900",
        "address": "Thuận An beach",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Quán karaoke trong kiệt 42 Đống Đa hát đến 1–2 giờ sáng, tối nào cũng "
            "vậy, loa mở hết cỡ. Nhà có người già và trẻ nhỏ không ngủ được."
        ),
        "category": "noise",
        "ward": "19789",
        "address": "Kiệt 42 Đống Đa",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nhà hàng xóm trên đường Phan Chu Trinh dùng loa kẹo kéo hát từ chiều "
            "đến 23h, cả cuối tuần lẫn ngày thường. Đã nhắc nhiều lần nhưng không "
            "thay đổi."
        ),
        "category": "noise",
        "ward": "19815",
        "address": "Đường Phan Chu Trinh",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Xưởng mộc trên đường Chi Lăng cưa xẻ gỗ từ 5 giờ rưỡi sáng, tiếng máy "
            "cưa chói tai. Xin nhắc cơ sở chỉ hoạt động trong giờ hành chính."
        ),
        "category": "noise",
        "ward": "19753",
        "address": "Đường Chi Lăng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Quán nhậu trên đường Phạm Văn Đồng mở nhạc sàn rất to, khách la hét "
            "đến hơn 12 giờ đêm. Xe khách đậu kín cả vỉa hè."
        ),
        "category": "noise",
        "ward": "19777",
        "address": "Đường Phạm Văn Đồng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Các quán bar ở phố đi bộ Võ Thị Sáu mở nhạc công suất lớn sau 24h dù "
            "quy định chỉ được đến 24h. Nhà trọ gần đó không ai ngủ được."
        ),
        "category": "noise",
        "ward": "19789",
        "address": "Phố đi bộ Võ Thị Sáu",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Công trình xây nhà trên đường Tản Đà đổ bê tông lúc 23h đêm qua, máy "
            "trộn chạy ầm ầm đến 3 giờ sáng, không hề thông báo trước cho hàng xóm."
        ),
        "category": "noise",
        "ward": "19804",
        "address": "Đường Tản Đà",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đám cưới dựng rạp trong thôn ở Mỹ Thượng mở loa từ 6 giờ sáng, kéo dài"
            " 3 ngày liên tiếp. Xin nhắc nhở về giờ giấc."
        ),
        "category": "noise",
        "ward": "19930",
        "address": "Khu dân cư Mỹ Thượng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một quán cà phê võng ven quốc lộ 1A ở Phú Lộc mở nhạc rất lớn từ 5 giờ"
            " sáng để câu khách, cả dãy nhà bên cạnh bị đánh thức."
        ),
        "category": "noise",
        "ward": "20107",
        "address": "Quán cà phê ven quốc lộ 1A, Phú Lộc",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Tối thứ bảy nào nhà hàng ven sông trên đường Kim Long cũng có tiệc với"
            " ban nhạc sống, loa hướng ra sông vang sang cả bờ bên kia đến 23h30."
        ),
        "category": "noise",
        "ward": "19774",
        "address": "Nhà hàng ven sông, đường Kim Long",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Quán hải sản ven biển ở Phú Vinh cho khách hát karaoke ngoài trời, "
            "tiếng vọng khắp xóm đến gần 1 giờ sáng."
        ),
        "category": "noise",
        "ward": "19945",
        "address": "Quán hải sản ven biển, Phú Vinh",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "nha trong kiet Tang Bat Ho hat karaoke tu 8h toi toi 12h dem, nhac "
            "nhieu lan r ma ko nghe, mn giup voi"
        ),
        "category": "noise",
        "ward": "19753",
        "address": "Kiệt Tăng Bạt Hổ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "xuong sua xe o Huong Thuy go dap, mai sat suot ngay, ca chu nhat cung "
            "lam. on ko chiu dc"
        ),
        "category": "noise",
        "ward": "19975",
        "address": "Xưởng sửa xe, Hương Thuỷ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "dam nhau o xom minh o Phong Thai mo loa keo keo hat toi 1h sang, gio "
            "giac ko co, ng lon con nit deu ko ngu duoc"
        ),
        "category": "noise",
        "ward": "19858",
        "address": "Khu dân cư Phong Thái",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": ("nha may xay xat lua o Duong No chay may ca dem, on qua troi, bh ai cho phep vay"),
        "category": "noise",
        "ward": "19909",
        "address": "Nhà máy xay xát, Dương Nỗ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "Our hotel on Chu Van An street is next to a bar that plays extremely "
            "loud music until 2am every night. Is there any noise regulation here?"
        ),
        "category": "noise",
        "ward": "19789",
        "address": "Chu Văn An street",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Karaoke from a house behind our homestay in Vy Da goes on every night "
            "until past midnight. We could not sleep at all."
        ),
        "category": "noise",
        "ward": "19777",
        "address": "Homestay in Vỹ Dạ",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Vỉa hè trước chợ Đông Ba trên đường Trần Hưng Đạo bị hàng rong và xe "
            "máy chiếm hết, người đi bộ phải xuống lòng đường, rất nguy hiểm vào "
            "giờ cao điểm."
        ),
        "category": "sidewalk",
        "ward": "19753",
        "address": "Đường Trần Hưng Đạo, trước chợ Đông Ba",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Các cửa hàng điện thoại trên đường Hùng Vương đoạn gần ngã sáu bày "
            "biển quảng cáo và xe khách ra tận mép đường, vỉa hè không còn lối đi."
        ),
        "category": "sidewalk",
        "ward": "19789",
        "address": "Đường Hùng Vương, gần ngã sáu",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Chợ tự phát lấn ra lòng đường trước chợ Thủy Dương từ 5 đến 8 giờ "
            "sáng, xe cộ đi qua bị kẹt cứng."
        ),
        "category": "sidewalk",
        "ward": "19969",
        "address": "Trước chợ Thủy Dương",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Quán cà phê trên đường Nguyễn Sinh Cung kê bàn ghế kín vỉa hè và cả "
            "lối xuống bờ sông, buổi tối còn giăng dây chắn không cho người đi bộ "
            "qua."
        ),
        "category": "sidewalk",
        "ward": "19777",
        "address": "Quán cà phê ven sông, đường Nguyễn Sinh Cung",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nhiều hộ trên đường Đinh Tiên Hoàng đổ bê tông nâng vỉa hè làm dốc dắt"
            " xe, vỉa hè thành từng bậc cao thấp, người già đi bộ rất dễ vấp."
        ),
        "category": "sidewalk",
        "ward": "19753",
        "address": "Đường Đinh Tiên Hoàng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Xe ôm và taxi đậu dàn hàng ngang trên vỉa hè trước ga Huế, khách kéo "
            "vali phải len lỏi giữa xe cộ."
        ),
        "category": "sidewalk",
        "ward": "19789",
        "address": "Đường Bùi Thị Xuân, trước ga Huế",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Các cửa hàng vật liệu xây dựng trên quốc lộ 1A đoạn qua Hưng Lộc đổ "
            "cát, gạch ra sát lòng đường, ban đêm không có đèn cảnh báo."
        ),
        "category": "sidewalk",
        "ward": "20131",
        "address": "Quốc lộ 1A qua Hưng Lộc",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cơ sở bán gốm, chậu cảnh trên đường Minh Mạng bày hàng lấn hết vỉa hè "
            "và một phần lòng đường, xe tải đậu bốc dỡ hàng cả ngày."
        ),
        "category": "sidewalk",
        "ward": "19813",
        "address": "Đường Minh Mạng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Tiệm sửa xe máy trên tỉnh lộ qua Kim Trà để xe của khách và phụ tùng "
            "chiếm hết vỉa hè, dầu nhớt chảy loang lổ."
        ),
        "category": "sidewalk",
        "ward": "20017",
        "address": "Tỉnh lộ qua Kim Trà",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Người bán hải sản ngồi kín hai bên đường vào chợ Thuận An, xe máy lẫn "
            "ô tô không đi được, nước tanh chảy khắp mặt đường."
        ),
        "category": "sidewalk",
        "ward": "19900",
        "address": "Đường vào chợ Thuận An",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "via he duong Huynh Thuc Khang bi cac quan an chiem het, di bo phai di "
            "duoi long duong, toi qua suyt bi xe tong"
        ),
        "category": "sidewalk",
        "ward": "19753",
        "address": "Đường Huỳnh Thúc Kháng",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "quan nhau tren duong Doi Cung bay ban ghe ra tan long duong, xe oto di"
            " qua phai lach, ko ai nhac nho j het"
        ),
        "category": "sidewalk",
        "ward": "19789",
        "address": "Đường Đội Cung",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "tiem rua xe o Duong No xit nuoc ra via he va de oto chiem ca long "
            "duong, ng di bo ko co cho di"
        ),
        "category": "sidewalk",
        "ward": "19909",
        "address": "Tiệm rửa xe, Dương Nỗ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "dam tang dung rap chiem het 1 ben duong o Dan Dien 3 ngay r, ko co "
            "bien bao, toi om de tong vao lam"
        ),
        "category": "sidewalk",
        "ward": "19885",
        "address": "Đường liên thôn, Đan Điền",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "The sidewalk along Tran Hung Dao near Dong Ba market is completely "
            "blocked by motorbikes and vendors. We had to walk in the traffic with "
            "our kids."
        ),
        "category": "sidewalk",
        "ward": "19753",
        "address": "Trần Hưng Đạo street, Đông Ba market",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Restaurants on Vo Thi Sau walking street put tables across the whole "
            "pavement and staff push menus at you. It is hard to walk through."
        ),
        "category": "sidewalk",
        "ward": "19789",
        "address": "Võ Thị Sáu walking street",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Một hộ dân trên đường Đoàn Thị Điểm trong Kinh thành đang xây thêm "
            "tầng 3, trong khi khu vực này bị hạn chế chiều cao để bảo vệ di tích. "
            "Thợ còn thi công cả ban đêm."
        ),
        "category": "construction",
        "ward": "19753",
        "address": "Đường Đoàn Thị Điểm, trong Kinh thành",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Công trình nhà phố trong kiệt 15 Bến Nghé không che chắn, vữa và gạch "
            "rơi xuống lối đi chung. Hôm qua suýt rơi trúng một cháu đi học về."
        ),
        "category": "construction",
        "ward": "19789",
        "address": "Kiệt 15 Bến Nghé",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Trên khu đất trống dọc đường Võ Văn Kiệt có người dựng nhà tạm bằng "
            "tôn trên đất công, mỗi tuần lại lấn thêm ra một ít."
        ),
        "category": "construction",
        "ward": "19815",
        "address": "Đường Võ Văn Kiệt",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Có người san lấp, kè đá lấn ra bờ sông Hương đoạn đường Nguyễn Phúc "
            "Nguyên để làm quán cà phê, đất đá đổ sát mép nước."
        ),
        "category": "construction",
        "ward": "19774",
        "address": "Bờ sông, đường Nguyễn Phúc Nguyên",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Công trình nhà ở trên đường Lê Ngô Cát đào móng sát tường nhà bên cạnh"
            " làm nứt tường nhà tôi, chủ công trình không có biện pháp chống đỡ "
            "nào."
        ),
        "category": "construction",
        "ward": "19813",
        "address": "Đường Lê Ngô Cát",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Công trình khách sạn trên đường Phạm Văn Đồng dựng giàn giáo chiếm cả "
            "vỉa hè, lưới che bị rách, vật liệu rơi xuống đường."
        ),
        "category": "construction",
        "ward": "19777",
        "address": "Công trình khách sạn, đường Phạm Văn Đồng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một hộ đang xây tường rào lấn ra mương thoát nước chung của thôn, mưa "
            "xuống nước không thoát được, ruộng bên cạnh bị ngập."
        ),
        "category": "construction",
        "ward": "20122",
        "address": "Thôn ven đầm, Vinh Lộc",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nhiều lán trại, ki-ốt bằng tôn được dựng trái phép trên bãi cát ven "
            "biển Thuận An, ngày càng nhiều, che cả lối xuống biển."
        ),
        "category": "construction",
        "ward": "19900",
        "address": "Bãi cát ven biển Thuận An",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Ven đầm Lập An đang có người đổ đất lấn đầm để làm nhà hàng, không "
            "thấy biển thông tin công trình hay giấy phép."
        ),
        "category": "construction",
        "ward": "20137",
        "address": "Ven đầm Lập An",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Giàn giáo công trình trên đường Nguyễn Chí Thanh bị nghiêng hẳn ra "
            "phía đường sau trận gió chiều nay, có nguy cơ đổ xuống lòng đường. Đề "
            "nghị xử lý gấp."
        ),
        "category": "construction",
        "ward": "19753",
        "address": "Đường Nguyễn Chí Thanh",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "cong trinh trong kiet Nguyen Hue xay 5 tang ma bien bao ghi co 3 tang,"
            " co ai kiem tra ko"
        ),
        "category": "construction",
        "ward": "19789",
        "address": "Kiệt đường Nguyễn Huệ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "nha ben canh xay lan sang phan dat di chung cua xom gan 1 met, bao to "
            "truong r ma chua thay ai xuong"
        ),
        "category": "construction",
        "ward": "20014",
        "address": "Khu dân cư Hoá Châu",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "co ng dung nha tam tren dat cong o Phu Ho, tuan truoc chua co, h da lop mai ton r"
        ),
        "category": "construction",
        "ward": "19918",
        "address": "Khu đất công, Phú Hồ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "o My Thuong co ho dang xay nha tren dat nong nghiep, xe cat xe da cho "
            "toi lien tuc, ko thay giay phep xay dung"
        ),
        "category": "construction",
        "ward": "19930",
        "address": "Cánh đồng ven đường, Mỹ Thượng",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "A building site on Le Thanh Ton street inside the citadel has no fence"
            " at all. Bricks and steel bars lie across the footpath."
        ),
        "category": "construction",
        "ward": "19753",
        "address": "Lê Thánh Tôn street, inside the Citadel",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "The construction next to our hotel on Nguyen Tri Phuong street starts "
            "drilling at 6am and there is no safety net; dust and debris fall on "
            "the street."
        ),
        "category": "construction",
        "ward": "19789",
        "address": "Nguyễn Tri Phương street",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Mặt đường Hà Nội đoạn trước trường học có ổ gà lớn khoảng 1m x 0,5m, "
            "sâu gần 15cm. Trời mưa nước đọng không nhìn thấy, đã có người đi xe "
            "máy bị ngã."
        ),
        "category": "road",
        "ward": "19789",
        "address": "Đường Hà Nội, trước trường học",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nắp hố ga trên đường Trần Hưng Đạo gần đầu cầu Trường Tiền bị mất, chỉ"
            " có mấy cành cây cắm làm dấu. Buổi tối xe qua lại rất đông, cực kỳ "
            "nguy hiểm."
        ),
        "category": "road",
        "ward": "19753",
        "address": "Đường Trần Hưng Đạo, gần đầu cầu Trường Tiền",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Mặt đường Hùng Vương đoạn qua An Cựu bị lún thành rãnh dọc sau đợt thi"
            " công ống nước, xe máy đi vào dễ bị trượt bánh."
        ),
        "category": "road",
        "ward": "19815",
        "address": "Đường Hùng Vương, đoạn qua An Cựu",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Lan can cây cầu nhỏ bắc qua kênh trên đường Nguyễn Sinh Cung bị gãy "
            "một đoạn khoảng 2 mét, học sinh đi bộ qua đây hằng ngày."
        ),
        "category": "road",
        "ward": "19777",
        "address": "Cầu nhỏ qua kênh, đường Nguyễn Sinh Cung",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Biển báo đường cong nguy hiểm trên quốc lộ 49 đoạn qua A Lưới 5 bị xe "
            "đâm cong gập, tài xế từ dốc xuống không nhìn thấy."
        ),
        "category": "road",
        "ward": "20050",
        "address": "Quốc lộ 49, đoạn qua A Lưới 5",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đoạn dốc Nam Giao trên đường Điện Biên Phủ mặt nhựa bong tróc nhiều "
            "chỗ, sỏi đá lộ ra, xe đổ dốc rất dễ trượt."
        ),
        "category": "road",
        "ward": "19813",
        "address": "Dốc Nam Giao, đường Điện Biên Phủ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Vạch sơn dành cho người đi bộ trước trường tiểu học trên quốc lộ 1A "
            "qua Phong Điền đã mờ hết, xe chạy nhanh không giảm tốc."
        ),
        "category": "road",
        "ward": "19819",
        "address": "Quốc lộ 1A, trước trường tiểu học ở Phong Điền",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cống ngang đường Nguyễn Tất Thành gần sân bay Phú Bài bị sụt, tạo "
            "thành hố sâu khoảng 30cm ngay giữa làn xe máy."
        ),
        "category": "road",
        "ward": "19960",
        "address": "Đường Nguyễn Tất Thành, gần sân bay Phú Bài",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cầu tràn vào thôn ở Bình Điền bị nước lũ xói mất một góc mố cầu, mặt "
            "cầu nứt. Người dân vẫn đang đi qua, đề nghị cắm biển cấm khẩn cấp."
        ),
        "category": "road",
        "ward": "20035",
        "address": "Cầu tràn vào thôn, Bình Điền",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Đường Hồ Chí Minh đoạn qua A Lưới 1 bị sạt taluy, đất đá tràn ra nửa "
            "đường đã vài ngày nhưng chưa có biển cảnh báo."
        ),
        "category": "road",
        "ward": "20056",
        "address": "Đường Hồ Chí Minh, đoạn qua A Lưới 1",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "duong Dang Thai Than o ga nhieu qua, toi qua mua xe may te 2 chiec o "
            "do r. bao gio moi va lai vay"
        ),
        "category": "road",
        "ward": "19753",
        "address": "Đường Đặng Thái Thân",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "nap ho ga tren duong Nguyen Hue bi kenh, xe chay qua ken ket rat lon "
            "va nguy hiem, bi lau r ma chua sua"
        ),
        "category": "road",
        "ward": "19789",
        "address": "Đường Nguyễn Huệ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "duong vao khu tai dinh cu o Phong Phu toan o ga voi o voi, mua xuong "
            "la thanh vung, xe dap tre con di hoc te hoai"
        ),
        "category": "road",
        "ward": "19828",
        "address": "Khu tái định cư, Phong Phú",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "duong lien xa Phu Ho bi xe cho cat chay lien tuc lam hu hong nang, o "
            "ga sau nua met, xin sua som"
        ),
        "category": "road",
        "ward": "19918",
        "address": "Đường liên xã, Phú Hồ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "There is a deep pothole right at the pedestrian crossing on Le Loi "
            "street near the river park. My friend twisted her ankle there last "
            "night."
        ),
        "category": "road",
        "ward": "19789",
        "address": "Lê Lợi street, crossing near the river park",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "A road sign on Pham Van Dong street has fallen over and is lying across the bike lane."
        ),
        "category": "road",
        "ward": "19777",
        "address": "Phạm Văn Đồng street",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Đèn tín hiệu ở ngã sáu Hùng Vương – Hà Nội tắt hoàn toàn từ 7 giờ "
            "sáng, giờ cao điểm xe đi lộn xộn, vừa xảy ra va chạm giữa hai xe máy."
        ),
        "category": "traffic",
        "ward": "19789",
        "address": "Ngã sáu Hùng Vương – Hà Nội",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Tối thứ bảy, chủ nhật nhiều người dừng xe trên cầu Trường Tiền để chụp"
            " ảnh, chiếm hết làn xe máy, gây ùn tắc kéo dài cả hai đầu cầu."
        ),
        "category": "traffic",
        "ward": "19753",
        "address": "Cầu Trường Tiền",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Ô tô đậu hai bên quốc lộ 1A đoạn gần chợ Phú Lộc vào sáng sớm, đường "
            "chỉ còn một làn, xe khách dừng đón khách càng thêm ùn tắc."
        ),
        "category": "traffic",
        "ward": "20107",
        "address": "Quốc lộ 1A, gần chợ Phú Lộc",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đêm nào từ khoảng 23h cũng có nhóm thanh niên tụ tập đua xe, lạng lách"
            " trên đường Phạm Văn Đồng đoạn đi Thuận An, nẹt pô inh ỏi, rất nguy "
            "hiểm."
        ),
        "category": "traffic",
        "ward": "19777",
        "address": "Đường Phạm Văn Đồng, đoạn đi Thuận An",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Ngã ba tỉnh lộ ở Hương Thuỷ không có đèn tín hiệu, xe tải chở cát từ "
            "mỏ ra chạy rất nhanh. Riêng tháng này đã có ba vụ va chạm."
        ),
        "category": "traffic",
        "ward": "19975",
        "address": "Ngã ba tỉnh lộ, Hương Thuỷ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Vừa xảy ra tai nạn giữa xe tải và xe máy trên quốc lộ 1A gần chợ Phú "
            "Bài, một người bị thương, xe tải nằm chắn ngang một làn. Cần lực lượng"
            " phân luồng ngay."
        ),
        "category": "traffic",
        "ward": "19960",
        "address": "Quốc lộ 1A gần chợ Phú Bài",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Xe khách dừng đón trả khách ngay trước cổng bến xe phía Bắc, đậu thành"
            " hàng dài dưới lòng đường, xe tải phải lách sang làn ngược chiều."
        ),
        "category": "traffic",
        "ward": "19804",
        "address": "Cổng bến xe phía Bắc, đường Lý Thái Tổ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Xe du lịch cỡ lớn đậu dọc đường Đinh Tiên Hoàng gần cửa Thượng Tứ chờ "
            "khách, che hết tầm nhìn ở khúc cua, xe máy từ trong cửa thành ra rất "
            "dễ va chạm."
        ),
        "category": "traffic",
        "ward": "19753",
        "address": "Đường Đinh Tiên Hoàng, gần cửa Thượng Tứ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Buses and trucks speed through Lang Co town on the main road and there"
            " is no safe place to cross to the beach."
        ),
        "category": "traffic",
        "ward": "20137",
        "address": "Quốc lộ 1A through Lăng Cô",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Xích lô và xe đạp đôi cho khách du lịch thuê chạy ngược chiều trên "
            "đường Lê Lợi buổi tối, ô tô phải phanh gấp nhiều lần."
        ),
        "category": "traffic",
        "ward": "19789",
        "address": "Đường Lê Lợi",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "den do o nga tu Le Loi - Nguyen Hue thoi gian xanh qua ngan, chi dc "
            "10s, xe don ca dong trong gio cao diem"
        ),
        "category": "traffic",
        "ward": "19789",
        "address": "Ngã tư Lê Lợi – Nguyễn Huệ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "sang nao 6h45 den 7h15 truoc truong tieu hoc o My Thuong cung ket xe, "
            "phu huynh dau xe tran ra giua duong, can csgt ho tro phan luong"
        ),
        "category": "traffic",
        "ward": "19930",
        "address": "Trường tiểu học, Mỹ Thượng",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "chieu chu nhat duong ra bien Thuan An ket cung tu chan cau, oto dau 2 "
            "ben duong mua hai san, ko co ai dieu tiet"
        ),
        "category": "traffic",
        "ward": "19900",
        "address": "Đường ra biển Thuận An",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "oto khach du lich do tren long duong ven bien o Phu Vinh, chieu cuoi "
            "tuan ket ca doan, co bien cam do ma van do"
        ),
        "category": "traffic",
        "ward": "19945",
        "address": "Đường ven biển, Phú Vinh",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "The traffic light at the Le Loi and Ha Noi intersection has been "
            "blinking yellow all day. Motorbikes come from every direction."
        ),
        "category": "traffic",
        "ward": "19789",
        "address": "Lê Lợi – Hà Nội intersection",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Tour buses park on both sides of the road outside the Imperial City "
            "gate and block the way. Crossing the street on foot is really "
            "dangerous."
        ),
        "category": "traffic",
        "ward": "19753",
        "address": "Outside the Imperial City gate",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Dãy đèn trong công viên ven sông Hương đoạn đường Lê Lợi tắt 6–7 bóng "
            "liên tiếp, tối đi bộ tập thể dục rất tối và sợ."
        ),
        "category": "lighting",
        "ward": "19789",
        "address": "Công viên ven sông Hương, đường Lê Lợi",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đèn đường đầu kiệt 47 Nguyễn Chí Thanh hỏng gần hai tuần, cả kiệt tối "
            "om từ 6 giờ chiều. Trong kiệt có nhiều người già và học sinh đi học "
            "thêm về muộn."
        ),
        "category": "lighting",
        "ward": "19753",
        "address": "Kiệt 47 Nguyễn Chí Thanh",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đèn đường trên đường vào khu tái định cư ở Thanh Thuỷ sáng cả ban "
            "ngày, 10 giờ trưa vẫn còn bật, mấy hôm nay đều vậy. Rất lãng phí điện."
        ),
        "category": "lighting",
        "ward": "19969",
        "address": "Đường vào khu tái định cư, Thanh Thuỷ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cột đèn số 12 trên đường Nguyễn Sinh Cung bị chập chờn, lúc sáng lúc "
            "tắt cả đêm, ánh sáng nhấp nháy làm chói mắt người đi xe."
        ),
        "category": "lighting",
        "ward": "19777",
        "address": "Cột đèn số 12, đường Nguyễn Sinh Cung",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đoạn đường từ chợ Kim Long lên chùa Thiên Mụ khoảng 300 mét không có "
            "đèn nào sáng, buổi tối rất tối, tuần trước đã xảy ra giật túi xách."
        ),
        "category": "lighting",
        "ward": "19774",
        "address": "Đoạn từ chợ Kim Long lên chùa Thiên Mụ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đường lên đồi Vọng Cảnh chỉ có vài bóng đèn mà cũng hỏng hết, khách du"
            " lịch đi ngắm hoàng hôn về phải soi đèn điện thoại."
        ),
        "category": "lighting",
        "ward": "19813",
        "address": "Đường lên đồi Vọng Cảnh",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cột đèn chiếu sáng trên đường Nguyễn Tất Thành bị xe tông gãy gập, hộp"
            " điện dưới chân cột bung nắp, dây điện lòi ra ngoài. Trời đang mưa, "
            "rất nguy hiểm."
        ),
        "category": "lighting",
        "ward": "19960",
        "address": "Đường Nguyễn Tất Thành, Phú Bài",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Dãy đèn đường trên tỉnh lộ qua Kim Trà tắt từ tuần trước, sau khi có "
            "đơn vị thi công cáp quang đào lề đường. Giờ cả đoạn khoảng 500 mét tối"
            " thui."
        ),
        "category": "lighting",
        "ward": "20017",
        "address": "Tỉnh lộ qua Kim Trà",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "The streetlights along the beach road in Lang Co are all off, and it "
            "is very dark walking back from dinner."
        ),
        "category": "lighting",
        "ward": "20137",
        "address": "Beach road, Lăng Cô",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Hệ thống đèn trang trí trên cầu Trường Tiền mấy tối nay chỉ sáng một "
            "nửa, các nhịp phía bờ nam tắt hẳn."
        ),
        "category": "lighting",
        "ward": "19789",
        "address": "Cầu Trường Tiền",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "den duong o kiet 12 Phan Boi Chau hong 3 hom nay r, toi om ko ai sua, "
            "di lam ve khuya so lam"
        ),
        "category": "lighting",
        "ward": "19789",
        "address": "Kiệt 12 Phan Bội Châu",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "den duong tren duong vao trung tam xa Hung Loc tat 1 day dai gan 1km, "
            "di xe may ban dem ko thay o ga"
        ),
        "category": "lighting",
        "ward": "20131",
        "address": "Đường vào trung tâm xã Hưng Lộc",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "den chieu sang duong lien xa o Phong Quang bat luc co luc ko, bua ni thi tat het"
        ),
        "category": "lighting",
        "ward": "19873",
        "address": "Đường liên xã, Phong Quảng",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "bong den cot truoc nha so 30 Nhat Le chap chon ca dem, nhap nhay lam "
            "con nit so ko ngu duoc"
        ),
        "category": "lighting",
        "ward": "19753",
        "address": "Trước nhà số 30 Nhật Lệ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "The streetlights on Pham Ngu Lao are out between the hostel area and "
            "the river. It is very dark walking back at night."
        ),
        "category": "lighting",
        "ward": "19789",
        "address": "Phạm Ngũ Lão street",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Several lamps along the moat on Le Duan street are not working, and "
            "the footpath is pitch dark after 7pm."
        ),
        "category": "lighting",
        "ward": "19753",
        "address": "Lê Duẩn street, along the Citadel moat",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Khu vực đường Nguyễn Công Trứ mất điện từ 14h đến giờ (18h) mà không "
            "có thông báo trước, các nhà hàng không kinh doanh được."
        ),
        "category": "power",
        "ward": "19789",
        "address": "Đường Nguyễn Công Trứ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Dây điện hạ thế trong kiệt 79 Phan Chu Trinh bị đứt một sợi, rơi xuống"
            " lối đi sau cơn giông. Đã chăng dây chắn tạm nhưng trẻ con vẫn đi qua,"
            " đề nghị điện lực đến gấp."
        ),
        "category": "power",
        "ward": "19815",
        "address": "Kiệt 79 Phan Chu Trinh",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Tủ điện tổng ở góc chợ Đông Ba khu hàng vải phát ra tiếng nổ lách "
            "tách, có khói và mùi khét. Khu này toàn hàng dễ cháy, xin kiểm tra "
            "ngay."
        ),
        "category": "power",
        "ward": "19753",
        "address": "Chợ Đông Ba, khu hàng vải",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Điện ở khu dân cư phía sau đường Phạm Văn Đồng chập chờn mỗi tối từ "
            "19h đến 21h, điện yếu đến mức quạt không quay, tủ lạnh tự tắt."
        ),
        "category": "power",
        "ward": "19777",
        "address": "Khu dân cư sau đường Phạm Văn Đồng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cột điện bê tông cạnh nhà văn hoá tổ dân phố bị nghiêng khoảng 15 độ "
            "sau bão, chân cột nứt, dây kéo căng. Sợ cột đổ vào nhà dân."
        ),
        "category": "power",
        "ward": "19969",
        "address": "Cạnh nhà văn hoá tổ dân phố, Thanh Thuỷ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Khu tái định cư mới chỉ có đường dây tạm, người dân phải tự kéo dây "
            "điện từ xa về, dây chằng chịt treo thấp trên cây, rất mất an toàn."
        ),
        "category": "power",
        "ward": "19960",
        "address": "Khu tái định cư Phú Bài",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Thôn chúng tôi mất điện từ tối qua sau trận mưa lớn, đến trưa nay vẫn "
            "chưa có điện. Nhiều nhà có người già đang phải dùng máy tạo oxy."
        ),
        "category": "power",
        "ward": "20044",
        "address": "Thôn vùng cao, xã A Lưới 2",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Trạm biến áp cạnh chợ Sịa kêu ù ù rất to và nóng, ban đêm thỉnh thoảng"
            " thấy lóe sáng. Người dân xung quanh sợ cháy nổ."
        ),
        "category": "power",
        "ward": "19867",
        "address": "Trạm biến áp cạnh chợ Sịa",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nhà tôi và khoảng 10 hộ xung quanh trên đường Minh Mạng bị mất điện "
            "2–3 lần mỗi ngày trong tuần này, mỗi lần chừng 30 phút."
        ),
        "category": "power",
        "ward": "19813",
        "address": "Đường Minh Mạng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Dây điện và cáp viễn thông trên đường liên thôn ở Phú Vang võng thấp "
            "sát đầu người, xe tải chở hàng cao đi qua đã móc đứt một đoạn."
        ),
        "category": "power",
        "ward": "19942",
        "address": "Đường liên thôn, Phú Vang",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "cup dien tu 8h sang den gio ma dien luc ko thong bao j, nha minh o "
            "duong Hai Ba Trung, nong qua troi"
        ),
        "category": "power",
        "ward": "19789",
        "address": "Đường Hai Bà Trưng",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "day dien o dau kiet Xuan 68 bi chap chay xet xet, co tia lua, mn tranh"
            " xa, goi dien luc giup voi"
        ),
        "category": "power",
        "ward": "19753",
        "address": "Đầu kiệt Xuân 68",
        "lang": "vi_plain",
        "urgent": True,
    },
    {
        "text": (
            "dien o thon minh o Nam Dong yeu qua, toi bat may bom nuoc la cup, 1 "
            "thang nay r ma chua ai xuong kiem tra"
        ),
        "category": "power",
        "ward": "20179",
        "address": "Thôn vùng cao, Nam Đông",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "cot dien gan dong lua bi nghieng sau bao, day dien vong xuong sat mat "
            "ruong, trau bo di qua nguy hiem lam"
        ),
        "category": "power",
        "ward": "19885",
        "address": "Cánh đồng cạnh thôn, Đan Điền",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "Power has been out on our whole street near Nguyen Hue since early "
            "morning and there was no notice. Is there an estimated time for "
            "repair?"
        ),
        "category": "power",
        "ward": "19789",
        "address": "Near Nguyễn Huệ street",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Sparks are coming from a transformer near the beach road in Thuan An "
            "whenever it rains."
        ),
        "category": "power",
        "ward": "19900",
        "address": "Beach road, Thuận An",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Ống cấp nước bị vỡ trên đường Hùng Vương gần cầu An Cựu, nước phun "
            "mạnh lên mặt đường từ 5 giờ sáng, cả đoạn ngập và bắt đầu sụt lún."
        ),
        "category": "water",
        "ward": "19815",
        "address": "Đường Hùng Vương, gần cầu An Cựu",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Khu tập thể trên đường Nguyễn Huệ nước rất yếu, từ 17h đến 21h hầu như"
            " không có nước lên tầng 2. Tình trạng này đã hơn nửa tháng."
        ),
        "category": "water",
        "ward": "19789",
        "address": "Khu tập thể đường Nguyễn Huệ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nước máy nhà tôi trên đường Mai Thúc Loan mấy hôm nay có màu vàng đục "
            "và mùi clo rất nặng, không dám dùng để nấu ăn."
        ),
        "category": "water",
        "ward": "19753",
        "address": "Đường Mai Thúc Loan",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Khu dân cư ven phá ở Mỹ Thượng vẫn chưa có đường ống nước sạch, mùa hè"
            " giếng khoan bị nhiễm mặn. Mong được mở rộng mạng cấp nước."
        ),
        "category": "water",
        "ward": "19930",
        "address": "Khu dân cư ven phá, Mỹ Thượng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Toàn thôn mất nước sinh hoạt 2 ngày nay, không có thông báo, người dân"
            " phải mua nước bình về dùng."
        ),
        "category": "water",
        "ward": "19945",
        "address": "Thôn gần chợ Phú Vinh",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đồng hồ nước trước nhà bị rò rỉ ở khớp nối, nước chảy ra đường suốt "
            "ngày đêm. Đã báo nhân viên ghi số nhưng chưa thấy ai sửa."
        ),
        "category": "water",
        "ward": "20131",
        "address": "Trước nhà dân, Hưng Lộc",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Sau khi thi công đường ống nước, mặt đường liên thôn bị đào lên không "
            "hoàn trả, nước rò từ mối nối chảy thành vũng."
        ),
        "category": "water",
        "ward": "19918",
        "address": "Đường liên thôn, Phú Hồ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nước máy khu vực chúng tôi có nhiều cặn đen, lọc qua khăn thấy rõ. Nhà"
            " có con nhỏ nên rất lo."
        ),
        "category": "water",
        "ward": "19909",
        "address": "Khu dân cư Dương Nỗ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Ống cấp nước chính dọc quốc lộ 1A qua Phú Lộc bị vỡ do máy xúc đào "
            "trúng, nước xối xả làm sạt lề đường, cả khu vực mất nước."
        ),
        "category": "water",
        "ward": "20107",
        "address": "Quốc lộ 1A qua Phú Lộc",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Áp lực nước ở khu dân cư mới rất yếu, buổi sáng phải dậy từ 4 giờ hứng"
            " nước. Đề nghị lắp thêm trạm tăng áp."
        ),
        "category": "water",
        "ward": "19975",
        "address": "Khu dân cư mới, Hương Thuỷ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "nha minh o kiet Tran Phu mat nuoc tu chieu qua toi gio, goi tong dai ko ai nghe may"
        ),
        "category": "water",
        "ward": "19789",
        "address": "Kiệt đường Trần Phú",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": ("nuoc may o Quang Dien co mui tanh, nau com thay ko ngon, ko biet co an toan ko"),
        "category": "water",
        "ward": "19867",
        "address": "Khu dân cư Sịa, Quảng Điền",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "ong nuoc bi be o duong Kim Long truoc cho, nuoc chay thanh dong ra song 3 hom nay r"
        ),
        "category": "water",
        "ward": "19774",
        "address": "Đường Kim Long, trước chợ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "xom minh o Kim Tra chua co nuoc may, ng dan xai nuoc gieng ma gieng "
            "can r, xin som keo duong ong"
        ),
        "category": "water",
        "ward": "20017",
        "address": "Xóm ven đồi, Kim Trà",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "No running water at our hotel on Chu Van An street since this morning."
            " The staff say the whole area is affected."
        ),
        "category": "water",
        "ward": "19789",
        "address": "Chu Văn An street",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "A water pipe has burst on the road near Lang Co beach and water has "
            "been running down the street for hours."
        ),
        "category": "water",
        "ward": "20137",
        "address": "Road near Lăng Cô beach",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Mưa lớn từ 3 giờ chiều, đường Hà Nội đoạn gần ngã sáu ngập sâu khoảng "
            "40cm, nhiều xe máy chết máy giữa đường. Cống thoát nước hình như bị "
            "tắc."
        ),
        "category": "drainage",
        "ward": "19789",
        "address": "Đường Hà Nội, gần ngã sáu",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Sau trận mưa đêm qua, nước trong Kinh thành không thoát được, đường "
            "Mai Thúc Loan ngập quá đầu gối, nước đã tràn vào nhà dân."
        ),
        "category": "drainage",
        "ward": "19753",
        "address": "Đường Mai Thúc Loan, trong Kinh thành",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Mương thoát nước trong kiệt 30 Nguyễn Khoa Chiêm bị rác và đất lấp gần"
            " hết, chỉ mưa nhỏ là nước tràn lên mặt kiệt, bốc mùi hôi."
        ),
        "category": "drainage",
        "ward": "19815",
        "address": "Kiệt 30 Nguyễn Khoa Chiêm",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cửa thu nước mưa trên đường Nguyễn Sinh Cung bị lá cây và rác bịt kín,"
            " mỗi lần mưa là một đoạn khoảng 100 mét ngập ngang mắt cá chân."
        ),
        "category": "drainage",
        "ward": "19777",
        "address": "Đường Nguyễn Sinh Cung",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nước từ trên dốc Điện Biên Phủ đổ xuống kéo theo đất đá, lấp cống ở "
            "chân dốc, đoạn này ngập mỗi khi mưa."
        ),
        "category": "drainage",
        "ward": "19813",
        "address": "Chân dốc đường Điện Biên Phủ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Khu tái định cư ở Hưng Lộc chưa có hệ thống thoát nước hoàn chỉnh, mưa"
            " một tiếng là ngập cả khu, nước đọng cả tuần."
        ),
        "category": "drainage",
        "ward": "20131",
        "address": "Khu tái định cư, Hưng Lộc",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nước lũ dâng cao, khu dân cư thấp trũng ven phá ở Phú Vang đã ngập gần"
            " 1 mét, có mấy hộ người già chưa kịp di dời."
        ),
        "category": "drainage",
        "ward": "19942",
        "address": "Khu dân cư ven phá, Phú Vang",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Cống thoát nước dọc đường vào chợ Lộc An bị đất cát lấp, mưa xuống "
            "nước đọng thành vũng lớn, xe cộ đi qua bắn nước tung tóe vào người đi "
            "đường."
        ),
        "category": "drainage",
        "ward": "20140",
        "address": "Đường vào chợ Lộc An",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Mưa lớn kéo dài, nước sông Bồ lên nhanh, đường vào khu dân cư Tứ Hạ "
            "ngập trên đầu gối, học sinh không về nhà được. Cần hỗ trợ."
        ),
        "category": "drainage",
        "ward": "19996",
        "address": "Đường vào khu dân cư Tứ Hạ",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Nắp cống hộp trước chợ bị vỡ, bên dưới đầy bùn đặc, nước thải không "
            "chảy được, mùi hôi bay cả vào chợ."
        ),
        "category": "drainage",
        "ward": "19969",
        "address": "Trước chợ, Thanh Thuỷ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "mua chua toi 30p ma duong Ba Trieu da ngap toi mat ca chan r, nam nao "
            "cung vay, cong nho qua"
        ),
        "category": "drainage",
        "ward": "19777",
        "address": "Đường Bà Triệu",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "cong truoc nha so 40 Dao Duy Anh bi tac, nuoc den trao nguoc len, hoi thoi ca xom"
        ),
        "category": "drainage",
        "ward": "19753",
        "address": "Trước nhà số 40 Đào Duy Anh",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "xom minh o Quang Dien ngap het r, nuoc vo toi nha, ai co the den thong cong giup ko"
        ),
        "category": "drainage",
        "ward": "19867",
        "address": "Xóm thấp trũng, Quảng Điền",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "muong thoat nuoc o Hoa Chau bi ng dan lap de lam loi di, gio mua xuong"
            " la ngap ca ruong lan duong"
        ),
        "category": "drainage",
        "ward": "20014",
        "address": "Mương thoát nước, Hoá Châu",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "The street in front of our hotel on Nguyen Tri Phuong is flooded up to"
            " the knee after one hour of rain. Cars are pushing waves into the "
            "shops."
        ),
        "category": "drainage",
        "ward": "19789",
        "address": "Nguyễn Tri Phương street",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "A storm drain near Dong Ba market is overflowing and dirty water is "
            "running across the pavement."
        ),
        "category": "drainage",
        "ward": "19753",
        "address": "Near Đông Ba market",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Cây phượng lớn trên đường Ông Ích Khiêm bị gió quật đổ chắn ngang "
            "đường, đè lên dây điện. Xe cộ không qua được, cần cưa dọn gấp."
        ),
        "category": "trees",
        "ward": "19753",
        "address": "Đường Ông Ích Khiêm",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Mấy cây xà cừ trên đường Lê Lợi trước trường Quốc Học có nhiều cành "
            "khô lớn chìa ra lòng đường. Mùa mưa bão sắp tới, sợ gãy rơi trúng "
            "người."
        ),
        "category": "trees",
        "ward": "19789",
        "address": "Đường Lê Lợi, trước trường Quốc Học",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cây bàng cổ thụ trước đình làng ở Phú Hồ bị sâu đục thân, đã chết khô,"
            " thân rỗng và nghiêng hẳn về phía nhà dân."
        ),
        "category": "trees",
        "ward": "19918",
        "address": "Trước đình làng, Phú Hồ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Sáng sớm nay có người chặt hạ hai cây thông lâu năm ven đường Nguyễn "
            "Phúc Nguyên, không thấy giấy phép gì. Xin kiểm tra."
        ),
        "category": "trees",
        "ward": "19774",
        "address": "Ven đường Nguyễn Phúc Nguyên",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Rễ cây trên vỉa hè đường Lê Ngô Cát trồi lên làm nứt vỡ gạch lát, "
            "người đi bộ ban đêm hay vấp ngã."
        ),
        "category": "trees",
        "ward": "19813",
        "address": "Vỉa hè đường Lê Ngô Cát",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một cây keo lớn bật gốc đổ ra nửa quốc lộ 1A sau cơn giông, ô tô phải "
            "lấn sang làn ngược chiều. Trời tối rất nguy hiểm."
        ),
        "category": "trees",
        "ward": "19996",
        "address": "Quốc lộ 1A, đoạn qua Hương Trà",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Hàng cây dọc tỉnh lộ qua Phong Thái nhiều cành sà xuống che khuất biển"
            " báo và đèn đường, cần cắt tỉa."
        ),
        "category": "trees",
        "ward": "19858",
        "address": "Tỉnh lộ qua Phong Thái",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cây xanh trong sân trường tiểu học bị sâu bệnh, lá rụng hết, cành mục."
            " Nhà trường lo cành gãy rơi trúng học sinh."
        ),
        "category": "trees",
        "ward": "20035",
        "address": "Trường tiểu học, Bình Điền",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Sau trận mưa lớn, một cây to trên taluy sạt xuống chắn ngang đường vào"
            " trung tâm Nam Đông, xe không qua được, học sinh kẹt lại ở trường."
        ),
        "category": "trees",
        "ward": "20179",
        "address": "Đường vào trung tâm xã Nam Đông",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Hàng phi lao chắn cát ven đường ra biển bị chặt trộm làm củi, nhiều "
            "đoạn chỉ còn trơ gốc."
        ),
        "category": "trees",
        "ward": "19942",
        "address": "Đường ra biển, Phú Vang",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "cay long nao trong cong vien 3/2 bi nghieng nhieu, dat o goc nut ra, "
            "mn di ngang nen can than, xin cat tia som"
        ),
        "category": "trees",
        "ward": "19789",
        "address": "Công viên 3/2",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "canh cay tren duong Nguyen Sinh Cung gay treo lo lung tren day dien tu"
            " hom mua, ko ai do xuong"
        ),
        "category": "trees",
        "ward": "19777",
        "address": "Đường Nguyễn Sinh Cung",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "cay bang truoc nha minh o Phu Loc cao qua, la rung lap het mang xoi, "
            "moi lan mua la tran, xin cat bot canh"
        ),
        "category": "trees",
        "ward": "20107",
        "address": "Khu dân cư Phú Lộc",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "bui tre ben duong lien thon o Dan Dien do nghieng ra duong, xe may di qua phai cui dau"
        ),
        "category": "trees",
        "ward": "19885",
        "address": "Đường liên thôn, Đan Điền",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "A big branch has broken off a tree in the park next to the river on Le"
            " Loi street and is hanging over the footpath."
        ),
        "category": "trees",
        "ward": "19789",
        "address": "River park, Lê Lợi street",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Someone is cutting down old pine trees on the hill near Thien Mu "
            "pagoda. Is this allowed?"
        ),
        "category": "trees",
        "ward": "19774",
        "address": "Hill near Thiên Mụ pagoda",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Hai nhóm thanh niên đang đánh nhau trước một quán bar ở phố Võ Thị "
            "Sáu, có người cầm gậy, khách du lịch hoảng sợ. Đề nghị công an đến "
            "ngay."
        ),
        "category": "security",
        "ward": "19789",
        "address": "Phố đi bộ Võ Thị Sáu",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Thời gian gần đây ở chợ Đông Ba xảy ra nhiều vụ móc túi, nhất là khu "
            "hàng khô đông khách du lịch. Mong tăng cường tuần tra."
        ),
        "category": "security",
        "ward": "19753",
        "address": "Chợ Đông Ba, khu hàng khô",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Trong tháng này khu trọ sinh viên trên đường Hồ Đắc Di bị mất trộm 4 "
            "chiếc xe máy, đều vào khoảng 2–4 giờ sáng."
        ),
        "category": "security",
        "ward": "19815",
        "address": "Khu trọ sinh viên, đường Hồ Đắc Di",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Tối nào cũng có một nhóm người tụ tập dưới bờ kè, nghi sử dụng ma tuý,"
            " để lại cả kim tiêm. Người dân không dám cho con ra đó chơi."
        ),
        "category": "security",
        "ward": "19777",
        "address": "Bờ kè sông Hương, Vỹ Dạ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Có người lạ đi xe máy không biển số chạy lòng vòng trong thôn, nhìn "
            "vào các nhà. Hôm qua một nhà bị mất điện thoại để trên bàn gần cửa."
        ),
        "category": "security",
        "ward": "19885",
        "address": "Thôn ven đồng, Đan Điền",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một nhóm thanh niên say rượu gây gổ, ném chai vỡ trên bãi biển Lăng "
            "Cô, đã có một người bị thương chảy máu."
        ),
        "category": "security",
        "ward": "20137",
        "address": "Bãi biển Lăng Cô",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Các dãy trọ công nhân gần khu công nghiệp Phú Bài thường xuyên có tụ "
            "điểm đánh bài ăn tiền đến khuya, hay xảy ra cãi vã."
        ),
        "category": "security",
        "ward": "19960",
        "address": "Dãy trọ công nhân gần khu công nghiệp Phú Bài",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đoạn đường vắng từ lăng Tự Đức ra Điện Biên Phủ hay có người chặn "
            "khách du lịch đi xe máy để đòi “phí gửi xe”, không có vé."
        ),
        "category": "security",
        "ward": "19813",
        "address": "Đường từ lăng Tự Đức ra Điện Biên Phủ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Có đối tượng cầm dao đe doạ tiểu thương ở chợ Sịa để đòi nợ, hiện vẫn "
            "đang ở chợ, mọi người rất sợ."
        ),
        "category": "security",
        "ward": "19867",
        "address": "Chợ Sịa, Quảng Điền",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Buổi tối ở khu vực Phu Văn Lâu có nhóm thanh thiếu niên tụ tập, nẹt "
            "pô, chửi tục với người đi đường."
        ),
        "category": "security",
        "ward": "19753",
        "address": "Khu vực Phu Văn Lâu",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "toi qua bi giat dien thoai tren duong Le Loi gan cau Truong Tien, 2 "
            "thang di xe may ko bien so, mn can than"
        ),
        "category": "security",
        "ward": "19789",
        "address": "Đường Lê Lợi, gần cầu Trường Tiền",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": ("hem nha minh toi nao cung co nhom tre tu tap hut bong cuoi, la het toi 2h sang"),
        "category": "security",
        "ward": "19975",
        "address": "Khu dân cư Hương Thuỷ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "o gan truong THCS o Hoa Chau co may thanh nien chan hoc sinh lay tien,"
            " chieu nao cung dung do"
        ),
        "category": "security",
        "ward": "20014",
        "address": "Gần trường THCS, Hoá Châu",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "nha minh bi trom vo lay do 2 lan trong thang nay r, xom co camera ma "
            "chua thay ai xu ly"
        ),
        "category": "security",
        "ward": "19909",
        "address": "Khu dân cư Dương Nỗ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "My bag was snatched by two men on a motorbike on Le Loi street by the "
            "river, about 10 minutes ago. My passport was inside."
        ),
        "category": "security",
        "ward": "19789",
        "address": "Lê Lợi street, by the river",
        "lang": "en",
        "urgent": True,
    },
    {
        "text": (
            "Someone tried to open our backpacks while we were queuing at the "
            "Imperial City ticket office. Please warn visitors and send more "
            "guards."
        ),
        "category": "security",
        "ward": "19753",
        "address": "Imperial City ticket office",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Trưa nay 6 người trong cơ quan tôi ăn cơm hộp đặt từ một quán trên "
            "đường Chi Lăng, chiều cả 6 người đau bụng, nôn ói, 2 người phải vào "
            "viện."
        ),
        "category": "food",
        "ward": "19753",
        "address": "Quán cơm trên đường Chi Lăng",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Phụ huynh phản ánh bếp ăn của một trường mầm non tư thục ở Hương Thuỷ "
            "dùng thịt không rõ nguồn gốc, bếp ẩm thấp, có gián."
        ),
        "category": "food",
        "ward": "19975",
        "address": "Trường mầm non tư thục, Hương Thuỷ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một số sạp ở chợ Đông Ba bán thịt heo có mùi lạ, màu sẫm, không có dấu"
            " kiểm dịch. Người bán nói là hàng quê nhưng nhìn không đảm bảo."
        ),
        "category": "food",
        "ward": "19753",
        "address": "Chợ Đông Ba, khu hàng thịt",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cửa hàng tạp hoá trên đường Hùng Vương bán bánh kẹo, sữa hết hạn, nhãn"
            " ngày mới dán đè lên. Tôi mua phải hộp sữa hết hạn 2 tháng."
        ),
        "category": "food",
        "ward": "19815",
        "address": "Cửa hàng tạp hoá, đường Hùng Vương",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Quán bún bò trên đường Phạm Văn Đồng rửa rau, rửa bát ngay trên vỉa hè"
            " cạnh miệng cống, nước bẩn chảy quanh. Rất mất vệ sinh."
        ),
        "category": "food",
        "ward": "19777",
        "address": "Quán bún bò, đường Phạm Văn Đồng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Bếp ăn tập thể của một công ty may trong khu công nghiệp Phú Bài cho "
            "công nhân ăn thức ăn ôi thiu, từ tối qua nhiều người bị tiêu chảy, "
            "sốt."
        ),
        "category": "food",
        "ward": "19960",
        "address": "Bếp ăn công ty, khu công nghiệp Phú Bài",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Một cơ sở làm giò chả trong khu dân cư ở Mỹ Thượng sản xuất ngay dưới "
            "nền nhà, nước thải lênh láng, ruồi nhặng, nghi có dùng hàn the."
        ),
        "category": "food",
        "ward": "19930",
        "address": "Cơ sở giò chả trong khu dân cư, Mỹ Thượng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Ăn hải sản ở một nhà hàng ven đầm ở Vinh Lộc, sò ốc có mùi lạ, tối về "
            "cả nhà 4 người đều đau bụng. Đề nghị kiểm tra nguồn hải sản."
        ),
        "category": "food",
        "ward": "20122",
        "address": "Nhà hàng ven đầm, Vinh Lộc",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Trước cổng trường tiểu học trên đường Đống Đa có xe đẩy bán xúc xích "
            "chiên, nước ngọt pha màu không nhãn mác, học sinh mua ăn rất nhiều."
        ),
        "category": "food",
        "ward": "19789",
        "address": "Cổng trường tiểu học, đường Đống Đa",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Thấy người bán ở chợ Dương Nỗ ngâm giá đỗ, măng tươi trong thứ nước có"
            " mùi hắc, giá đỗ mập bất thường."
        ),
        "category": "food",
        "ward": "19909",
        "address": "Chợ Dương Nỗ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "quan tra sua o Ben Nghe dung da cay co can ban, ly rua so sai, uong "
            "xong 2 dua ban minh bi dau bung"
        ),
        "category": "food",
        "ward": "19789",
        "address": "Quán trà sữa, đường Bến Nghé",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "mua banh bao o cho Dong Ba ve mo ra thay nhan bi moc, hoi chua, ng ban ko chiu doi"
        ),
        "category": "food",
        "ward": "19753",
        "address": "Chợ Đông Ba",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "lo mo heo gan cho Thuy Duong giet mo ngay tren nen dat, ko co kiem "
            "dich j, thit dua di ban cac cho"
        ),
        "category": "food",
        "ward": "19969",
        "address": "Gần chợ Thủy Dương",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "cho Phu Loc co sap ban ca ko biet uop j ma de ca ngay ko hu, ruoi ko "
            "dau, nghi co hoa chat"
        ),
        "category": "food",
        "ward": "20107",
        "address": "Chợ Phú Lộc",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "I got food poisoning after eating at a street food stall on Pham Ngu "
            "Lao last night. Two of my friends are also sick."
        ),
        "category": "food",
        "ward": "19789",
        "address": "Street food stall, Phạm Ngũ Lão",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "A restaurant near the citadel served us spring rolls that smelled off,"
            " and the kitchen we saw through the door was full of cockroaches."
        ),
        "category": "food",
        "ward": "19753",
        "address": "Restaurant near the Citadel",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Trong tổ dân phố đã có 4 người mắc sốt xuất huyết trong tuần này, một "
            "cháu bé đang điều trị tại bệnh viện. Đề nghị phun thuốc diệt muỗi khẩn"
            " cấp."
        ),
        "category": "health",
        "ward": "19815",
        "address": "Tổ dân phố 7, An Đông",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Nhiều nhà trong khu có chum vại, lốp xe đọng nước, lăng quăng rất "
            "nhiều, muỗi cắn cả ban ngày. Mong y tế phường xuống hướng dẫn diệt "
            "lăng quăng."
        ),
        "category": "health",
        "ward": "19753",
        "address": "Khu dân cư Gia Hội, đường Chi Lăng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một phòng khám tư trên đường Nguyễn Huệ quảng cáo chữa khỏi nhiều bệnh"
            " nan y, nghi không có giấy phép, nhiều người già bị mời mua thuốc giá "
            "cao."
        ),
        "category": "health",
        "ward": "19789",
        "address": "Phòng khám tư, đường Nguyễn Huệ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Trạm y tế phường đóng cửa chiều thứ bảy dù bảng ghi có trực, người dân"
            " đưa trẻ đến tiêm phải quay về."
        ),
        "category": "health",
        "ward": "19960",
        "address": "Trạm y tế phường Phú Bài",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Có người vứt túi rác gồm bông băng dính máu, ống tiêm đã dùng ở bãi "
            "đất trống đường Bà Triệu, nghi từ một cơ sở y tế gần đó."
        ),
        "category": "health",
        "ward": "19777",
        "address": "Bãi đất trống đường Bà Triệu",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nhà thuốc gần chợ Phong Điền bán kháng sinh không cần đơn, còn khuyên "
            "khách mua thuốc giảm cân không rõ nguồn gốc."
        ),
        "category": "health",
        "ward": "19819",
        "address": "Nhà thuốc gần chợ Phong Điền",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Ở thôn có nhiều trẻ em bị sốt, nổi ban, tiêu chảy trong tuần qua, trạm"
            " y tế thiếu thuốc. Đề nghị cử đoàn y tế lên kiểm tra."
        ),
        "category": "health",
        "ward": "20056",
        "address": "Thôn vùng cao, A Lưới 1",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nhiều người trong thôn bị ngứa, nổi mẩn sau khi tắm nước suối, nghi "
            "nguồn nước bị ô nhiễm. Xin cơ quan y tế kiểm tra."
        ),
        "category": "health",
        "ward": "20161",
        "address": "Thôn ven suối, Khe Tre",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Người nhà tôi bị chó cắn, đến trạm y tế thì hết vắc-xin dại, phải đi "
            "xa vào trung tâm thành phố mới tiêm được."
        ),
        "category": "health",
        "ward": "19813",
        "address": "Trạm y tế phường Thuỷ Xuân",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Trường mẫu giáo của xã có nhiều cháu bị tay chân miệng, trường vẫn cho"
            " học bình thường, phụ huynh rất lo."
        ),
        "category": "health",
        "ward": "19942",
        "address": "Trường mẫu giáo, Phú Vang",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "muoi nhieu qua, ca xom co 2 ng bi sot xuat huyet r, mn de nghi phuong phun thuoc som"
        ),
        "category": "health",
        "ward": "19789",
        "address": "Xóm trong kiệt đường Đống Đa",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "quay thuoc o Long Quang ban thuoc cam, khang sinh cho tre con ko can "
            "don, con minh uong xong bi noi man"
        ),
        "category": "health",
        "ward": "20182",
        "address": "Quầy thuốc trung tâm xã Long Quảng",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "xom minh o Phu Xuan co 3 ca soi o tre nho roi, ko thay ai xuong khu "
            "khuan hay thong bao j"
        ),
        "category": "health",
        "ward": "19753",
        "address": "Khu dân cư Phú Xuân",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "o Hoa Chau co ng hanh nghe tiem chich, truyen dich tai nha cho nguoi "
            "gia, ko co bang cap j"
        ),
        "category": "health",
        "ward": "20014",
        "address": "Khu dân cư Hoá Châu",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "There are lots of mosquitoes and stagnant water in the park by the "
            "river on Le Loi street. We heard there is dengue in Hue right now."
        ),
        "category": "health",
        "ward": "19789",
        "address": "River park, Lê Lợi street",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Several people in our group at a Lang Co resort have had fever and "
            "vomiting since yesterday. Can someone check the resort's water?"
        ),
        "category": "health",
        "ward": "20137",
        "address": "Resort in Lăng Cô",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Chủ thuyền rồng ở bến Toà Khâm thoả thuận 400 nghìn cho chuyến đi chùa"
            " Thiên Mụ, lúc về lại đòi 800 nghìn vì “thêm người”. Khách nước ngoài "
            "không biết làm sao, đành phải trả."
        ),
        "category": "tourism",
        "ward": "19789",
        "address": "Bến thuyền Toà Khâm, đường Lê Lợi",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Trước cửa Ngọ Môn có nhiều người bán hàng rong, xích lô đeo bám, kéo "
            "tay khách du lịch; khách từ chối vẫn đi theo cả đoạn dài."
        ),
        "category": "tourism",
        "ward": "19753",
        "address": "Trước cửa Ngọ Môn",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một số sạp ở chợ Đông Ba nói thách gấp 5–10 lần với khách nước ngoài, "
            "nón lá bán 300 nghìn. Làm xấu hình ảnh du lịch Huế."
        ),
        "category": "tourism",
        "ward": "19753",
        "address": "Chợ Đông Ba",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "At the Thanh Toan tiled bridge a woman sold us tickets for a “village "
            "tour” that does not exist. Nobody at the site knew anything about it."
        ),
        "category": "tourism",
        "ward": "19969",
        "address": "Thanh Toàn tiled bridge",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Dịch vụ cho thuê ghế, dù trên bãi biển Thuận An ép khách thuê 100 "
            "nghìn một ghế, không thuê thì không cho ngồi gần bờ."
        ),
        "category": "tourism",
        "ward": "19900",
        "address": "Bãi tắm Thuận An",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nhà hàng hải sản ở Lăng Cô cân điêu, tính 2 kg tôm nhưng cân lại chỉ "
            "hơn 1 kg, thực đơn không niêm yết giá."
        ),
        "category": "tourism",
        "ward": "20137",
        "address": "Nhà hàng hải sản ở Lăng Cô",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đặt phòng qua mạng ở một khách sạn trên đường Chu Văn An, đến nơi "
            "phòng không như ảnh, máy lạnh hỏng, khách sạn không đổi phòng cũng "
            "không hoàn tiền."
        ),
        "category": "tourism",
        "ward": "19789",
        "address": "Khách sạn trên đường Chu Văn An",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Trước cổng chùa Thiên Mụ có người tự xưng hướng dẫn viên thu tiền “vé "
            "tham quan” của khách nước ngoài, trong khi chùa không bán vé."
        ),
        "category": "tourism",
        "ward": "19774",
        "address": "Cổng chùa Thiên Mụ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "xich lo o Dai Noi bao gia 100k 1 vong, chay xong doi 500k noi la "
            "100k/1 ng gi do, khach Tay cai nhau um som"
        ),
        "category": "tourism",
        "ward": "19753",
        "address": "Khu vực Đại Nội",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "taxi tu ga Hue ve khach san o Nguyen Tri Phuong bat gia 200k ko bat "
            "dong ho, qua chat chem"
        ),
        "category": "tourism",
        "ward": "19789",
        "address": "Ga Huế",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "xe dich vu o san bay Phu Bai cheo keo khach, gianh khach vs taxi, noi "
            "gia 400k ve trung tam"
        ),
        "category": "tourism",
        "ward": "19960",
        "address": "Sân bay Phú Bài",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "Taxi driver near Dong Ba market charged us 500k for 2km. The meter was"
            " covered with a cloth."
        ),
        "category": "tourism",
        "ward": "19753",
        "address": "Near Đông Ba market",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "The boat to Thien Mu stopped at a souvenir shop on the way and the "
            "crew pressured us to buy things. We were told it was a direct trip."
        ),
        "category": "tourism",
        "ward": "19789",
        "address": "Dragon boat pier, Lê Lợi street",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "A man offering a “free” cyclo photo outside the Imperial City demanded"
            " 200,000 dong after we sat down for a picture."
        ),
        "category": "tourism",
        "ward": "19753",
        "address": "Outside the Imperial City",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "At Tu Duc tomb a parking guy charged us 50k for two motorbikes with no"
            " ticket. The official sign says much less."
        ),
        "category": "tourism",
        "ward": "19813",
        "address": "Tự Đức tomb parking",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Our hotel in Lang Co advertised a private beach, but the beach is full"
            " of construction waste and they still charge a beach fee."
        ),
        "category": "tourism",
        "ward": "20137",
        "address": "Hotel in Lăng Cô",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Tôi nộp hồ sơ đăng ký biến động đất đai tại bộ phận một cửa, giấy hẹn "
            "15 ngày nhưng đã hơn 1 tháng vẫn chưa có kết quả, hỏi thì chỉ nói đang"
            " chờ ký."
        ),
        "category": "admin",
        "ward": "19753",
        "address": "Bộ phận một cửa UBND phường Phú Xuân",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Tại quầy tiếp nhận hồ sơ đất đai, cán bộ yêu cầu bổ sung giấy tờ 3 "
            "lần, mỗi lần một kiểu, không hướng dẫn một lần cho đủ."
        ),
        "category": "admin",
        "ward": "19789",
        "address": "Trung tâm Phục vụ hành chính công",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đi làm chứng thực bản sao lúc 10h30 nhưng cán bộ bảo đã hết giờ tiếp "
            "nhận, trong khi bảng niêm yết ghi làm việc đến 11h30."
        ),
        "category": "admin",
        "ward": "19815",
        "address": "UBND phường An Cựu",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Đăng ký khai sinh cho con trên cổng dịch vụ công đã 10 ngày, hồ sơ vẫn"
            " ở trạng thái “chờ tiếp nhận”, gọi điện không ai nghe."
        ),
        "category": "admin",
        "ward": "19960",
        "address": "Bộ phận một cửa phường Phú Bài",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cán bộ địa chính hẹn xuống đo đạc đất để làm sổ đỏ, tôi xin nghỉ làm "
            "chờ cả ngày nhưng không ai đến, cũng không báo lại."
        ),
        "category": "admin",
        "ward": "19831",
        "address": "UBND phường Phong Dinh",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Người dân ở thôn xa phải đi hơn 20 km ra trung tâm xã làm thủ tục, "
            "nhưng bộ phận một cửa thường xuyên không có người trực buổi chiều."
        ),
        "category": "admin",
        "ward": "20044",
        "address": "UBND xã A Lưới 2",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Hồ sơ đề nghị hỗ trợ sửa nhà bị hư hại do bão của gia đình tôi nộp từ "
            "tháng trước đến nay vẫn chưa được xem xét, không ai trả lời."
        ),
        "category": "admin",
        "ward": "19867",
        "address": "UBND xã Quảng Điền",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Khi đưa mẹ già đi làm căn cước, cán bộ tiếp dân nói chuyện cộc cằn, "
            "quát người già vì không nghe rõ. Mong chấn chỉnh thái độ phục vụ."
        ),
        "category": "admin",
        "ward": "19804",
        "address": "Điểm cấp căn cước, phường Hương An",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Bãi xe ở trụ sở phường thu phí giữ xe 5 nghìn đồng một lượt của người "
            "đến làm thủ tục, trong khi đây là trụ sở cơ quan nhà nước."
        ),
        "category": "admin",
        "ward": "19777",
        "address": "Trụ sở UBND phường Vỹ Dạ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Tôi nộp hồ sơ trực tuyến xin cấp phép xây dựng, hệ thống báo nộp thành"
            " công nhưng xã nói không nhận được, yêu cầu nộp lại bản giấy."
        ),
        "category": "admin",
        "ward": "20107",
        "address": "UBND xã Phú Lộc",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "nop ho so cap doi so do tu thang 3 den gio chua co, hoi thi noi cho "
            "chu ky, ko biet cho toi bh"
        ),
        "category": "admin",
        "ward": "19789",
        "address": "Văn phòng đăng ký đất đai",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "can bo mot cua bat nop them ban photo cong chung trong khi minh nop "
            "ban goc r, lam kho dan"
        ),
        "category": "admin",
        "ward": "19753",
        "address": "Bộ phận một cửa phường Phú Xuân",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "dang ky tam tru online bi tu choi 3 lan ma ko ghi ly do, len xa hoi "
            "thi bao lam lai tu dau"
        ),
        "category": "admin",
        "ward": "20161",
        "address": "Công an xã Khe Tre",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "xin xac nhan ho ngheo cho me, phuong hen 3 ngay gio 2 tuan r van chua "
            "co, can gap de lam ho so benh vien"
        ),
        "category": "admin",
        "ward": "19975",
        "address": "UBND phường Hương Thuỷ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "I went to the immigration office to extend my visa and was sent back "
            "three times, each time for a different paper. Nobody explains the "
            "requirements in English."
        ),
        "category": "admin",
        "ward": "19789",
        "address": "Immigration office",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "At the ward office a staff member asked for a “fee” without a receipt "
            "to speed up my residence registration. Is that normal?"
        ),
        "category": "admin",
        "ward": "19753",
        "address": "Phú Xuân ward office",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Đàn chó thả rông 5–6 con trong Kinh thành thường sủa, rượt người đi xe"
            " đạp lúc sáng sớm, đã có người bị ngã."
        ),
        "category": "animals",
        "ward": "19753",
        "address": "Đường Lê Thánh Tôn, trong Kinh thành",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một con chó có biểu hiện dại, chảy nước dãi, vừa cắn 2 người trong "
            "kiệt, hiện đang chạy về phía đường Hồ Đắc Di. Đề nghị xử lý gấp."
        ),
        "category": "animals",
        "ward": "19815",
        "address": "Kiệt 16 Hồ Đắc Di",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Xác một con chó trôi dạt vào bờ sông đoạn đường Kim Long, bốc mùi 2 "
            "ngày nay chưa ai vớt."
        ),
        "category": "animals",
        "ward": "19774",
        "address": "Bờ sông, đường Kim Long",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Bò thả rông đi lang thang trên quốc lộ 1A đoạn qua Hương Trà vào ban "
            "đêm, rất nguy hiểm cho người đi xe máy."
        ),
        "category": "animals",
        "ward": "19996",
        "address": "Quốc lộ 1A qua Hương Trà",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Trong thôn có nhiều gà chết bất thường mấy ngày gần đây, người dân vứt"
            " xác gà xuống mương. Lo ngại dịch cúm gia cầm."
        ),
        "category": "animals",
        "ward": "19858",
        "address": "Thôn ven đồng, Phong Thái",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Heo của nhiều hộ trong xóm sốt, bỏ ăn rồi chết, nghi dịch tả heo châu "
            "Phi. Có hộ còn bán chạy heo bệnh cho thương lái."
        ),
        "category": "animals",
        "ward": "19831",
        "address": "Xóm chăn nuôi, Phong Dinh",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Trâu bò thả rông phá hoa màu và đi trên đường Hồ Chí Minh, buổi tối xe"
            " qua lại rất dễ tai nạn."
        ),
        "category": "animals",
        "ward": "20071",
        "address": "Đường Hồ Chí Minh qua A Lưới 3",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Có rắn hổ mang bò vào sân nhà trẻ của thôn, các cô đã đuổi đi nhưng sợ"
            " nó còn trong bụi rậm xung quanh. Xin hỗ trợ bắt."
        ),
        "category": "animals",
        "ward": "20122",
        "address": "Nhà trẻ thôn, Vinh Lộc",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Thấy có người bày bán khỉ, chim rừng ngay ven đường vào xã, nghi là "
            "động vật hoang dã cần được bảo vệ."
        ),
        "category": "animals",
        "ward": "20182",
        "address": "Đường vào trung tâm xã Long Quảng",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một cơ sở giết mổ chó mèo trong khu dân cư nhốt nhiều con trong lồng, "
            "tiếng kêu suốt đêm, mùi hôi nồng nặc."
        ),
        "category": "animals",
        "ward": "19969",
        "address": "Khu dân cư Thanh Thuỷ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "cho tha rong o cong vien ven song Le Loi di ve sinh bua bai, sang di "
            "tap the duc giam phai hoai, chu nuoi ko don"
        ),
        "category": "animals",
        "ward": "19789",
        "address": "Công viên ven sông Hương, đường Lê Lợi",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": ("trau bo nha ai tha rong xuong ruong lua ca xom, pha het ma ko ai nhan"),
        "category": "animals",
        "ward": "19918",
        "address": "Cánh đồng, Phú Hồ",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "o A Luoi 4 dan cho hoang can chet may con ga nha minh, ban dem di ngoai duong so lam"
        ),
        "category": "animals",
        "ward": "20101",
        "address": "Thôn ven rừng, A Lưới 4",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": ("xac heo chet troi tren kenh o Phu Vinh, 3 con r, ko biet cua ai, boc mui ca xom"),
        "category": "animals",
        "ward": "19945",
        "address": "Kênh thuỷ lợi, Phú Vinh",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "A pack of stray dogs near the citadel walls chased us on our bicycles "
            "this morning. One of them tried to bite my leg."
        ),
        "category": "animals",
        "ward": "19753",
        "address": "Citadel walls",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "There is a dead dolphin or large fish washed up on Thuan An beach. It "
            "smells and children are touching it."
        ),
        "category": "animals",
        "ward": "19900",
        "address": "Thuận An beach",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "Nhà vệ sinh công cộng trong công viên ven sông khoá cửa cả ngày, khách"
            " du lịch hỏi chỗ đi vệ sinh mà không biết chỉ đâu."
        ),
        "category": "other",
        "ward": "19789",
        "address": "Nhà vệ sinh công cộng, công viên ven sông Hương",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Một ngôi nhà bỏ hoang trong kiệt có người vào đốt lửa, bên trong chất "
            "nhiều ván gỗ, giấy vụn, sát vách nhà dân. Tối qua thấy khói bốc ra, sợ"
            " cháy lan."
        ),
        "category": "other",
        "ward": "19753",
        "address": "Nhà bỏ hoang, kiệt 80 Huỳnh Thúc Kháng",
        "lang": "vi",
        "urgent": True,
    },
    {
        "text": (
            "Mái che nhà chờ xe buýt trên đường Hùng Vương bị bay mất sau bão, ghế "
            "ngồi gãy, người chờ xe phải đứng ngoài mưa."
        ),
        "category": "other",
        "ward": "19815",
        "address": "Nhà chờ xe buýt, đường Hùng Vương",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Các thiết bị tập thể dục ngoài trời ở công viên khu dân cư bị gãy, có "
            "chỗ thanh sắt nhọn chìa ra, trẻ con chơi rất dễ bị thương."
        ),
        "category": "other",
        "ward": "19777",
        "address": "Công viên khu dân cư Vỹ Dạ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Bảng chỉ dẫn lên đồi Vọng Cảnh bong tróc, chữ mờ không đọc được, khách"
            " du lịch hay đi nhầm vào đường cụt."
        ),
        "category": "other",
        "ward": "19813",
        "address": "Đồi Vọng Cảnh",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Quảng cáo “khoan cắt bê tông”, “cho vay tiền” dán bừa bãi trên cột "
            "điện, tường rào dọc tỉnh lộ qua Hoá Châu, vừa xoá hôm trước hôm sau đã"
            " dán lại."
        ),
        "category": "other",
        "ward": "20014",
        "address": "Cột điện, tường rào dọc tỉnh lộ, Hoá Châu",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Cột điện dọc tỉnh lộ qua Phong Thái bị cáp viễn thông cũ bó chằng "
            "chịt, có đoạn rủ xuống thấp, nhiều sợi không còn dùng nhưng không ai "
            "thu hồi."
        ),
        "category": "other",
        "ward": "19858",
        "address": "Tỉnh lộ qua Phong Thái",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Chòi cứu hộ ở bãi tắm Phú Vinh không có người trực buổi chiều, trong "
            "khi cuối tuần người tắm biển rất đông."
        ),
        "category": "other",
        "ward": "19945",
        "address": "Bãi tắm Phú Vinh",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Nhà văn hoá thôn xuống cấp, mái dột, trần bong, nhưng vẫn đang dùng để"
            " họp dân và cho các cháu học thêm."
        ),
        "category": "other",
        "ward": "19909",
        "address": "Nhà văn hoá thôn, Dương Nỗ",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "Sóng điện thoại và internet ở khu tái định cư rất yếu, học sinh không "
            "học trực tuyến được, gọi điện phải ra đầu ngõ."
        ),
        "category": "other",
        "ward": "20140",
        "address": "Khu tái định cư, Lộc An",
        "lang": "vi",
        "urgent": False,
    },
    {
        "text": (
            "xe buyt tuyen di Thuan An tre gio hoai, cho 40p ko co chuyen nao, bang"
            " gio dan o tram ko dung"
        ),
        "category": "other",
        "ward": "19753",
        "address": "Trạm xe buýt đường Trần Hưng Đạo",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "ghe da o cong vien ben song doan Le Loi bi vo may cai, con tro sat "
            "nhon, ai coi sua giup"
        ),
        "category": "other",
        "ward": "19789",
        "address": "Công viên ven sông, đường Lê Lợi",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": ("nha ve sinh cong cong o cho A Luoi 3 ban qua, ko co nuoc, cua hu het"),
        "category": "other",
        "ward": "20071",
        "address": "Chợ xã A Lưới 3",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "nghia dia o Kim Tra bi ng ta khai thac dat cat ben canh, mo ma bi sat "
            "lo, mong chinh quyen xem xet"
        ),
        "category": "other",
        "ward": "20017",
        "address": "Nghĩa địa thôn, Kim Trà",
        "lang": "vi_plain",
        "urgent": False,
    },
    {
        "text": (
            "The tourist information board at the river park shows a map that is "
            "years out of date and has no English."
        ),
        "category": "other",
        "ward": "19789",
        "address": "Tourist information board, river park",
        "lang": "en",
        "urgent": False,
    },
    {
        "text": (
            "The free wifi at the citadel ticket area never works, and the QR code "
            "for the audio guide leads to a broken page."
        ),
        "category": "other",
        "ward": "19753",
        "address": "Imperial City ticket area",
        "lang": "en",
        "urgent": False,
    },
]

# Interim public notes an agency posts, per category.
PROGRESS_NOTES: dict[str, list[dict]] = {
    "sanitation": [
        {
            "vi": (
                "Đã tiếp nhận, tổ vệ sinh môi trường của phường sẽ kiểm tra hiện trường trong ngày."
            ),
            "en": ("Received; the ward's sanitation team will inspect the site today."),
        },
        {
            "vi": ("Đã làm việc với đơn vị thu gom, dự kiến bố trí xe thu dọn trong 2 ngày tới."),
            "en": (
                "We have contacted the waste collector; a truck is scheduled within the"
                " next two days."
            ),
        },
        {
            "vi": ("Đang xác minh đối tượng đổ trộm qua camera khu vực để xử lý theo quy định."),
            "en": ("We are checking local cameras to identify who dumped the waste."),
        },
    ],
    "pollution": [
        {
            "vi": ("Đã cử cán bộ kiểm tra hiện trường và lấy mẫu, đang chờ kết quả phân tích."),
            "en": ("An officer has inspected the site and taken samples; lab results are pending."),
        },
        {
            "vi": ("Đã mời đại diện cơ sở đến làm việc, yêu cầu báo cáo hồ sơ môi trường."),
            "en": (
                "The facility's representative has been summoned to present its "
                "environmental permits."
            ),
        },
    ],
    "noise": [
        {
            "vi": ("Đã giao công an khu vực và tổ dân phố xác minh, nhắc nhở hộ gây ồn."),
            "en": (
                "The neighbourhood police officer and residents' group have been asked "
                "to verify and warn the household."
            ),
        },
        {
            "vi": ("Lực lượng phường sẽ kiểm tra đột xuất vào buổi tối trong tuần này."),
            "en": ("Ward officers will carry out unannounced evening checks this week."),
        },
    ],
    "sidewalk": [
        {
            "vi": ("Đã chuyển đội trật tự đô thị phường kiểm tra, nhắc nhở các hộ kinh doanh."),
            "en": ("The ward's urban order team has been sent to inspect and warn the businesses."),
        },
        {
            "vi": ("Phường đang lập kế hoạch ra quân giải toả vỉa hè trên tuyến đường này."),
            "en": ("The ward is planning a sidewalk-clearing operation on this street."),
        },
    ],
    "construction": [
        {
            "vi": (
                "Đã kiểm tra hồ sơ cấp phép của công trình, đang đối chiếu với hiện trạng thi công."
            ),
            "en": (
                "The site's permit has been checked and is being compared with the work"
                " on the ground."
            ),
        },
        {
            "vi": ("Đã lập biên bản tạm dừng thi công, chờ chủ đầu tư bổ sung hồ sơ."),
            "en": ("A stop-work record has been issued pending the owner's documents."),
        },
    ],
    "road": [
        {
            "vi": ("Đã khảo sát hiện trường, đặt biển cảnh báo tạm thời; sẽ sửa chữa trong tuần."),
            "en": (
                "The site has been surveyed and temporary warning signs placed; repairs"
                " are scheduled this week."
            ),
        },
        {
            "vi": "Đã giao đơn vị quản lý tuyến đường lập phương án sửa chữa.",
            "en": ("The road maintenance contractor has been asked to prepare the repair."),
        },
    ],
    "traffic": [
        {
            "vi": ("Đã bố trí tổ tuần tra kiểm soát tại khu vực vào giờ cao điểm."),
            "en": ("A patrol team has been assigned to the area during rush hours."),
        },
        {
            "vi": ("Đang phối hợp đơn vị quản lý đèn tín hiệu để kiểm tra thiết bị."),
            "en": ("We are working with the traffic signal operator to check the equipment."),
        },
    ],
    "lighting": [
        {
            "vi": (
                "Đội quản lý điện chiếu sáng đã kiểm tra, cần thay bộ đèn; sẽ xử lý trong 3 ngày."
            ),
            "en": (
                "The street lighting team has inspected the site; the lamps need "
                "replacing within 3 days."
            ),
        },
        {
            "vi": ("Đã cắt điện an toàn khu vực cột đèn hư hỏng, đang điều xe thang đến sửa chữa."),
            "en": ("Power to the damaged pole has been isolated; a lift truck is on its way."),
        },
    ],
    "power": [
        {
            "vi": ("Đội quản lý điện khu vực đã có mặt, đang xác định nguyên nhân sự cố."),
            "en": "The area power crew is on site and locating the fault.",
        },
        {
            "vi": ("Sự cố do quá tải trạm biến áp, dự kiến cấp điện trở lại trong 2 giờ."),
            "en": (
                "The outage is due to an overloaded transformer; power should return "
                "within two hours."
            ),
        },
    ],
    "water": [
        {
            "vi": ("Đội sửa chữa đã khoá van cô lập đoạn ống vỡ, đang tiến hành thay ống."),
            "en": (
                "The repair crew has closed the valves around the burst pipe and is replacing it."
            ),
        },
        {
            "vi": "Đã lấy mẫu nước tại vòi khách hàng để kiểm tra chất lượng.",
            "en": ("Samples have been taken from the customer's tap for quality testing."),
        },
    ],
    "drainage": [
        {
            "vi": ("Đội thoát nước đã đến hiện trường, đang khơi thông cửa thu và hố ga."),
            "en": ("The drainage team is on site clearing the gullies and manholes."),
        },
        {
            "vi": ("Đã bố trí máy bơm và người trực tại điểm ngập trong thời gian mưa lớn."),
            "en": (
                "A pump and a standby crew are stationed at the flooded spot during heavy rain."
            ),
        },
        {
            "vi": ("Đã khảo sát tuyến mương, sẽ nạo vét trong đợt duy tu tháng này."),
            "en": (
                "The ditch has been surveyed and will be dredged in this month's maintenance round."
            ),
        },
    ],
    "trees": [
        {
            "vi": ("Đã cử tổ cây xanh kiểm tra, cây thuộc diện cần cắt tỉa trước mùa mưa bão."),
            "en": (
                "The tree crew has inspected it; the tree is listed for pruning before "
                "the storm season."
            ),
        },
        {
            "vi": ("Tổ ứng cứu đang cưa dọn cây đổ, đề nghị người dân tạm tránh tuyến đường."),
            "en": (
                "The emergency crew is clearing the fallen tree; please avoid the road for now."
            ),
        },
    ],
    "security": [
        {
            "vi": ("Công an phường đã có mặt tại hiện trường và đang xác minh vụ việc."),
            "en": "Ward police are at the scene and investigating.",
        },
        {
            "vi": ("Đã tăng cường tuần tra tại khu vực vào khung giờ được phản ánh."),
            "en": ("Patrols have been stepped up in the area at the reported times."),
        },
    ],
    "food": [
        {
            "vi": ("Đoàn kiểm tra liên ngành đã làm việc với cơ sở và lấy mẫu thực phẩm."),
            "en": ("The inspection team has visited the premises and taken food samples."),
        },
        {
            "vi": ("Đã đề nghị cơ sở tạm ngừng kinh doanh chờ kết quả kiểm nghiệm."),
            "en": ("The premises has been asked to suspend sales pending test results."),
        },
    ],
    "health": [
        {
            "vi": ("Trạm y tế đã điều tra ca bệnh, lên kế hoạch phun hoá chất diệt muỗi."),
            "en": (
                "The health station has investigated the cases and scheduled mosquito spraying."
            ),
        },
        {
            "vi": ("Đã chuyển thông tin cho thanh tra y tế để kiểm tra cơ sở hành nghề."),
            "en": ("The case has been passed to the health inspectorate to check the practice."),
        },
    ],
    "tourism": [
        {
            "vi": (
                "Đã liên hệ phản ánh viên để xác minh thông tin và làm việc với cơ sở kinh doanh."
            ),
            "en": (
                "We have contacted the reporter to verify the details and are meeting the business."
            ),
        },
        {
            "vi": ("Đã đề nghị lực lượng chức năng tại điểm du lịch kiểm tra, chấn chỉnh."),
            "en": ("Staff at the tourist site have been asked to check and correct the practice."),
        },
    ],
    "admin": [
        {
            "vi": ("Đã yêu cầu bộ phận liên quan báo cáo tình trạng hồ sơ và lý do chậm trễ."),
            "en": (
                "The office concerned has been asked to report on the file and the "
                "reason for the delay."
            ),
        },
        {
            "vi": ("Đang kiểm tra quy trình tiếp nhận, sẽ phản hồi kết quả trong 5 ngày làm việc."),
            "en": (
                "We are reviewing the intake procedure and will reply within five working days."
            ),
        },
    ],
    "animals": [
        {
            "vi": ("Đã giao thú y phường và tổ dân phố kiểm tra, lập danh sách chó thả rông."),
            "en": ("The ward vet and residents' group are checking and listing the loose dogs."),
        },
        {
            "vi": (
                "Đã lấy mẫu gia súc, gia cầm chết để xét nghiệm, khoanh vùng khu vực nghi ổ dịch."
            ),
            "en": (
                "Samples from dead animals have been sent for testing and the area has "
                "been isolated."
            ),
        },
    ],
    "other": [
        {
            "vi": "Đã tiếp nhận và chuyển bộ phận quản lý liên quan xem xét.",
            "en": "Received and passed to the office in charge for review.",
        },
        {
            "vi": "Đang phối hợp với đơn vị quản lý để lên phương án khắc phục.",
            "en": "We are working with the operator on a fix.",
        },
    ],
}

# Final published answers, per category.
RESULTS: dict[str, list[dict]] = {
    "sanitation": [
        {
            "vi": (
                "Ngày nhận phản ánh, tổ vệ sinh môi trường đã thu dọn toàn bộ khoảng 2 "
                "m³ rác tại điểm, phun khử mùi và đặt biển cấm đổ rác. Phường sẽ giám "
                "sát điểm này qua camera."
            ),
            "en": (
                "On the day of the report the sanitation team removed about 2 m³ of "
                "waste, deodorised the spot and put up a no-dumping sign. The ward will"
                " monitor it by camera."
            ),
        },
        {
            "vi": (
                "Đơn vị thu gom đã thay 3 thùng rác mới và bổ sung một chuyến thu gom "
                "buổi trưa tại khu vực chợ từ tuần này."
            ),
            "en": (
                "The waste collector replaced the three bins and added a midday "
                "collection at the market from this week."
            ),
        },
        {
            "vi": (
                "UBND phường đã xác định hộ đổ trộm xà bần, yêu cầu tự thu dọn và xử "
                "phạt vi phạm hành chính theo quy định. Hiện trường đã sạch."
            ),
            "en": (
                "The ward identified the household that dumped the debris, made it "
                "clear the site and issued an administrative fine. The site is clean."
            ),
        },
    ],
    "pollution": [
        {
            "vi": (
                "Kết quả quan trắc cho thấy nước thải vượt quy chuẩn. Cơ sở đã bị xử "
                "phạt và phải lắp hệ thống xử lý trong 30 ngày; Sở sẽ tái kiểm tra."
            ),
            "en": (
                "Monitoring found the wastewater above the legal limits. The facility "
                "was fined and must install treatment within 30 days; the department "
                "will re-inspect."
            ),
        },
        {
            "vi": (
                "Phường đã nhắc nhở, lập biên bản hộ đốt rác và hướng dẫn phân loại rác"
                " tại nguồn. Từ ngày kiểm tra không còn tình trạng đốt rác."
            ),
            "en": (
                "The ward warned and recorded the household burning waste and explained"
                " waste sorting. No more burning has been seen since."
            ),
        },
        {
            "vi": (
                "Đoàn kiểm tra liên ngành đã đình chỉ hoạt động lò đốt phế liệu không "
                "phép và yêu cầu di dời khỏi khu dân cư."
            ),
            "en": (
                "The joint inspection team shut down the unlicensed burning and ordered"
                " the business out of the residential area."
            ),
        },
    ],
    "noise": [
        {
            "vi": (
                "Công an phường đã làm việc với chủ hộ, lập biên bản vi phạm quy định "
                "về tiếng ồn; chủ hộ cam kết không hát karaoke sau 22 giờ. Phường sẽ "
                "tiếp tục kiểm tra."
            ),
            "en": (
                "Ward police met the householder and recorded a noise violation; the "
                "household promised no karaoke after 10 pm. The ward will keep "
                "checking."
            ),
        },
        {
            "vi": (
                "Cơ sở đã được yêu cầu điều chỉnh giờ hoạt động từ 7h00 đến 17h00 và "
                "lắp vách cách âm; kiểm tra lại ngày hôm sau đã chấp hành."
            ),
            "en": (
                "The workshop was told to operate only from 7 am to 5 pm and to install"
                " sound insulation; a follow-up check the next day found it complying."
            ),
        },
    ],
    "sidewalk": [
        {
            "vi": (
                "Đội trật tự đô thị phường đã giải toả, yêu cầu các hộ thu dọn hàng "
                "hoá, bàn ghế khỏi vỉa hè và ký cam kết. Lực lượng sẽ kiểm tra định kỳ "
                "vào buổi sáng."
            ),
            "en": (
                "The ward's urban order team cleared the sidewalk and had the "
                "businesses sign a commitment. Morning checks will continue."
            ),
        },
        {
            "vi": ("Phường đã xử phạt 2 hộ tái phạm và tạm giữ biển quảng cáo đặt trên vỉa hè."),
            "en": (
                "The ward fined two repeat offenders and confiscated the signboards on "
                "the sidewalk."
            ),
        },
    ],
    "construction": [
        {
            "vi": (
                "Qua kiểm tra, công trình xây dựng sai nội dung giấy phép (thêm 1 "
                "tầng). UBND phường đã lập biên bản, đình chỉ thi công và yêu cầu tháo "
                "dỡ phần sai phép."
            ),
            "en": (
                "The building exceeded its permit by one floor. The ward recorded the "
                "violation, stopped the work and ordered the extra floor removed."
            ),
        },
        {
            "vi": (
                "Chủ công trình đã bổ sung lưới che chắn, rào tạm lối đi và cam kết "
                "không thi công sau 22 giờ."
            ),
            "en": (
                "The owner has put up safety netting, fenced the walkway and agreed not"
                " to work after 10 pm."
            ),
        },
        {
            "vi": (
                "Phần lấn chiếm đất công đã được cưỡng chế tháo dỡ, mặt bằng trả lại "
                "hiện trạng ban đầu."
            ),
            "en": ("The structure on public land has been removed and the site restored."),
        },
    ],
    "road": [
        {
            "vi": (
                "Đơn vị duy tu đã vá ổ gà bằng bê tông nhựa nóng, diện tích khoảng 2 "
                "m², hoàn thành trong ngày. Mặt đường đã đi lại bình thường."
            ),
            "en": (
                "The maintenance crew patched the pothole with hot asphalt (about 2 m²)"
                " the same day. The road is back to normal."
            ),
        },
        {
            "vi": "Đã lắp nắp hố ga mới bằng gang chịu lực, có khoá chống trộm.",
            "en": (
                "A new load-bearing cast-iron manhole cover with an anti-theft lock has"
                " been fitted."
            ),
        },
        {
            "vi": (
                "Biển báo đã được dựng lại và thay cột mới, vạch sơn người đi bộ đã được sơn lại."
            ),
            "en": (
                "The sign has been re-erected on a new post and the pedestrian crossing repainted."
            ),
        },
    ],
    "traffic": [
        {
            "vi": (
                "Đèn tín hiệu đã được thay bộ điều khiển và hoạt động bình thường trở "
                "lại lúc 10h30 cùng ngày. Trong thời gian sửa chữa có lực lượng điều "
                "tiết giao thông."
            ),
            "en": (
                "The signal controller was replaced and the lights were working again "
                "by 10:30 the same day. Officers directed traffic during the repair."
            ),
        },
        {
            "vi": (
                "Phòng Cảnh sát giao thông đã tổ chức 3 đợt tuần tra ban đêm, tạm giữ 5"
                " xe vi phạm và xử lý các trường hợp đua xe, lạng lách."
            ),
            "en": (
                "The traffic police ran three night patrols, impounded five motorbikes "
                "and dealt with the racers."
            ),
        },
        {
            "vi": (
                "Đã kẻ vạch cấm dừng đỗ và bố trí lực lượng nhắc nhở vào giờ cao điểm buổi sáng."
            ),
            "en": (
                "No-stopping lines have been painted and officers are posted during the"
                " morning rush."
            ),
        },
    ],
    "lighting": [
        {
            "vi": (
                "Đội quản lý điện chiếu sáng đã thay 6 bộ đèn LED hỏng, tuyến đường "
                "sáng trở lại từ tối cùng ngày."
            ),
            "en": (
                "The street lighting team replaced six faulty LED lamps; the street was"
                " lit again that evening."
            ),
        },
        {
            "vi": (
                "Đã thay cột đèn bị gãy, đấu nối lại cáp ngầm và đóng kín hộp điện. "
                "Hiện trường đảm bảo an toàn."
            ),
            "en": (
                "The broken pole was replaced, the underground cable reconnected and "
                "the box sealed. The site is safe."
            ),
        },
        {
            "vi": (
                "Đã chỉnh lại bộ hẹn giờ của tủ điều khiển chiếu sáng, đèn không còn sáng ban ngày."
            ),
            "en": (
                "The lighting cabinet's timer has been reset; the lamps no longer stay "
                "on in daytime."
            ),
        },
    ],
    "power": [
        {
            "vi": (
                "Điện lực đã thay dây dẫn bị đứt và cấp điện trở lại lúc 16h15. Nguyên "
                "nhân do cành cây va quẹt trong cơn giông."
            ),
            "en": (
                "The power company replaced the broken conductor and restored supply at"
                " 16:15. A branch hit the line during the storm."
            ),
        },
        {
            "vi": (
                "Đã thay máy biến áp có công suất lớn hơn cho khu vực, điện áp ổn định "
                "từ ngày hôm sau."
            ),
            "en": (
                "A larger transformer has been installed for the area; voltage has been"
                " stable since."
            ),
        },
        {
            "vi": ("Cột điện nghiêng đã được dựng lại, gia cố móng và căng lại dây."),
            "en": (
                "The leaning pole has been straightened, its footing reinforced and the"
                " wires re-tensioned."
            ),
        },
    ],
    "water": [
        {
            "vi": (
                "Đội sửa chữa đã thay 6 mét ống gang vỡ, cấp nước trở lại lúc 11h00; "
                "mặt đường đào được hoàn trả trong 2 ngày."
            ),
            "en": (
                "The crew replaced 6 metres of broken pipe and restored supply at "
                "11:00; the road will be reinstated within two days."
            ),
        },
        {
            "vi": (
                "Kết quả xét nghiệm mẫu nước đạt quy chuẩn. Hiện tượng nước đục do súc "
                "xả đường ống, công ty đã xả cặn khu vực."
            ),
            "en": (
                "Test results meet the standard. The cloudiness came from pipe "
                "flushing; the mains in the area have been flushed."
            ),
        },
        {
            "vi": (
                "Khu dân cư đã được đưa vào kế hoạch phát triển mạng cấp nước năm tới; "
                "trước mắt công ty bố trí xe chở nước hỗ trợ."
            ),
            "en": (
                "The area is in next year's network extension plan; meanwhile a water "
                "tanker is provided."
            ),
        },
    ],
    "drainage": [
        {
            "vi": (
                "Đội thoát nước đã nạo vét 40 mét cống, vớt khoảng 1,5 m³ bùn rác; nước"
                " rút hoàn toàn sau 2 giờ."
            ),
            "en": (
                "The drainage team cleared 40 metres of drain and removed about 1.5 m³ "
                "of silt and waste; the water was gone within two hours."
            ),
        },
        {
            "vi": ("Đã thay nắp cống hộp mới và nạo vét toàn tuyến mương trước chợ."),
            "en": (
                "A new drain cover has been fitted and the whole ditch in front of the "
                "market dredged."
            ),
        },
        {
            "vi": (
                "Điểm ngập đã được đưa vào danh mục cải tạo cống năm nay; trong mùa mưa"
                " bố trí máy bơm trực."
            ),
            "en": (
                "The spot is in this year's drain upgrade list; a pump stands by during"
                " the rainy season."
            ),
        },
    ],
    "trees": [
        {
            "vi": (
                "Tổ ứng cứu đã cưa dọn cây đổ, thông tuyến lúc 19h40 cùng ngày; điện "
                "lực đã xử lý dây điện bị đè."
            ),
            "en": (
                "The emergency crew cleared the fallen tree and reopened the road at "
                "19:40; the power company repaired the line it had hit."
            ),
        },
        {
            "vi": "Đã cắt tỉa cành khô, hạ độ cao tán 4 cây trên tuyến đường.",
            "en": ("Dead branches were removed and the crowns of four trees lowered."),
        },
        {
            "vi": (
                "Cây chết đã được đốn hạ an toàn và sẽ trồng thay thế trong đợt trồng "
                "cây tháng tới."
            ),
            "en": (
                "The dead tree was felled safely and will be replaced in next month's "
                "planting round."
            ),
        },
    ],
    "security": [
        {
            "vi": (
                "Công an phường đã có mặt sau 10 phút, đưa các đối tượng về trụ sở làm "
                "việc. Vụ việc đang được xử lý theo quy định."
            ),
            "en": (
                "Ward police arrived within ten minutes and took those involved to the "
                "station. The case is being handled under the law."
            ),
        },
        {
            "vi": (
                "Công an đã tăng cường tuần tra ban đêm tại khu vực và lắp thêm camera "
                "an ninh phối hợp với tổ dân phố."
            ),
            "en": (
                "Police have stepped up night patrols and added security cameras with "
                "the residents' group."
            ),
        },
    ],
    "food": [
        {
            "vi": (
                "Đoàn kiểm tra đã lấy mẫu, tạm đình chỉ cơ sở; kết quả kiểm nghiệm phát"
                " hiện vi khuẩn vượt ngưỡng. Cơ sở bị xử phạt và chỉ được hoạt động lại"
                " sau khi khắc phục."
            ),
            "en": (
                "Inspectors took samples and suspended the premises; tests found "
                "bacteria above the limit. It was fined and may reopen only after "
                "fixing the problems."
            ),
        },
        {
            "vi": ("Đã tiêu huỷ 120 hộp sữa, bánh kẹo hết hạn và xử phạt cửa hàng."),
            "en": "120 expired products were destroyed and the shop was fined.",
        },
        {
            "vi": (
                "Ban quản lý chợ đã yêu cầu các sạp thịt xuất trình giấy kiểm dịch; "
                "hàng không rõ nguồn gốc bị loại khỏi chợ."
            ),
            "en": (
                "The market board now requires veterinary certificates from meat "
                "stalls; untraceable meat has been removed."
            ),
        },
    ],
    "health": [
        {
            "vi": (
                "Trung tâm Kiểm soát bệnh tật đã phun hoá chất diệt muỗi 2 đợt cho 250 "
                "hộ và tổ chức diệt lăng quăng tại khu vực."
            ),
            "en": ("The CDC sprayed 250 households twice and ran a larvae clean-up in the area."),
        },
        {
            "vi": (
                "Thanh tra y tế đã kiểm tra, cơ sở không có giấy phép hoạt động; đã "
                "đình chỉ và xử phạt."
            ),
            "en": (
                "The health inspectorate found the practice unlicensed; it has been "
                "closed and fined."
            ),
        },
    ],
    "tourism": [
        {
            "vi": (
                "Sở Du lịch đã làm việc với chủ thuyền, yêu cầu hoàn trả 400.000 đồng "
                "cho du khách và niêm yết giá công khai. Trường hợp tái phạm sẽ bị đình"
                " chỉ hoạt động."
            ),
            "en": (
                "The Department of Tourism made the boat owner refund 400,000 dong to "
                "the visitors and post fixed prices. A repeat offence will lead to "
                "suspension."
            ),
        },
        {
            "vi": (
                "Đã phối hợp với công an phường xử lý đối tượng chèo kéo khách, đồng "
                "thời bố trí nhân viên hỗ trợ du khách tại điểm."
            ),
            "en": (
                "With ward police we dealt with the tout and placed visitor-support "
                "staff at the site."
            ),
        },
        {
            "vi": (
                "Hãng taxi đã xác định tài xế, đình chỉ lái xe và hoàn tiền chênh lệch cho khách."
            ),
            "en": (
                "The taxi company identified the driver, suspended the driver and "
                "refunded the difference."
            ),
        },
    ],
    "admin": [
        {
            "vi": (
                "Hồ sơ đã được giải quyết và trả kết quả. Sở Nội vụ đã yêu cầu đơn vị "
                "kiểm điểm cán bộ để hồ sơ trễ hạn và gửi thư xin lỗi người dân."
            ),
            "en": (
                "The application has been completed. The department asked the office to"
                " review the official responsible for the delay and to send a letter of"
                " apology."
            ),
        },
        {
            "vi": (
                "Đơn vị đã niêm yết lại danh mục giấy tờ cần nộp và hướng dẫn một lần "
                "đầy đủ tại quầy."
            ),
            "en": (
                "The office has reposted the full list of required papers and now "
                "explains them once, completely, at the counter."
            ),
        },
    ],
    "animals": [
        {
            "vi": (
                "Phường đã phối hợp thú y bắt giữ 4 chó thả rông, thông báo chủ nuôi "
                "đến nhận và xử phạt; tổ chức tiêm phòng dại cho chó trong khu vực."
            ),
            "en": (
                "With the vet service the ward caught four loose dogs, fined the owners"
                " and vaccinated dogs in the area against rabies."
            ),
        },
        {
            "vi": (
                "Mẫu xét nghiệm âm tính với cúm gia cầm. Chi cục đã hướng dẫn hộ nuôi "
                "tiêu huỷ xác đúng quy định và phun khử trùng chuồng trại."
            ),
            "en": (
                "Tests were negative for avian flu. The sub-department showed the "
                "farmers how to dispose of carcasses and disinfected the sheds."
            ),
        },
        {
            "vi": ("Xác động vật đã được vớt và chôn lấp, khu vực được khử trùng."),
            "en": "The carcass was removed and buried and the spot disinfected.",
        },
    ],
    "other": [
        {
            "vi": (
                "Đơn vị quản lý đã sửa chữa và đưa vào sử dụng trở lại, đồng thời bố "
                "trí lịch kiểm tra hằng tuần."
            ),
            "en": ("The operator repaired it and it is back in use, with weekly checks scheduled."),
        },
        {
            "vi": (
                "Phường đã xoá các quảng cáo rao vặt và xử phạt các chủ quảng cáo theo quy định."
            ),
            "en": "The ward removed the flyposting and fined the advertisers.",
        },
    ],
}

REJECT_REASONS: list[dict] = [
    {
        "code": "not_scene_issue",
        "vi": "Nội dung không phải là vấn đề tại hiện trường đô thị.",
        "en": "The content is not a problem in a public place.",
    },
    {
        "code": "insufficient_information",
        "vi": "Thông tin chưa đủ để xác định vị trí và nội dung phản ánh.",
        "en": ("Not enough information to identify the place and the problem."),
    },
    {
        "code": "outside_city",
        "vi": "Vị trí phản ánh nằm ngoài địa bàn thành phố.",
        "en": "The location is outside the city.",
    },
    {
        "code": "duplicate_content",
        "vi": "Trùng nội dung với phản ánh đã được tiếp nhận và đang xử lý.",
        "en": "Same as a report already received and being handled.",
    },
    {
        "code": "offensive_content",
        "vi": "Nội dung có ngôn từ xúc phạm hoặc không phù hợp.",
        "en": "The content is offensive or inappropriate.",
    },
    {
        "code": "private_dispute",
        "vi": (
            "Tranh chấp dân sự giữa các cá nhân, đề nghị gửi đơn đến cơ quan có "
            "thẩm quyền hoặc toà án."
        ),
        "en": (
            "A private dispute between individuals; please apply to the competent "
            "authority or the court."
        ),
    },
]

RETURN_REASONS: list[dict] = [
    {
        "code": "not_our_area",
        "vi": "Vị trí không thuộc địa bàn quản lý của đơn vị.",
        "en": "The location is not in our area.",
    },
    {
        "code": "not_our_competence",
        "vi": "Nội dung không thuộc chức năng, nhiệm vụ của đơn vị.",
        "en": "The matter is not within our competence.",
    },
    {
        "code": "wrong_location",
        "vi": "Vị trí trên bản đồ không khớp với địa chỉ mô tả.",
        "en": "The map location does not match the address given.",
    },
    {
        "code": "wrong_category",
        "vi": "Phản ánh bị phân loại sai lĩnh vực.",
        "en": "The report is in the wrong category.",
    },
    {
        "code": "needs_lead_agency",
        "vi": ("Cần nhiều đơn vị phối hợp, đề nghị giao cho đơn vị chủ trì khác."),
        "en": ("Several agencies are involved; please assign another lead agency."),
    },
    {
        "code": "private_property",
        "vi": ("Thuộc tài sản, khuôn viên tư nhân, không phải hạ tầng công cộng."),
        "en": "It is private property, not public infrastructure.",
    },
]

COMMENTS: list[dict] = [
    {
        "vi": "Mình cũng thấy vậy, tối qua đi ngang rất nguy hiểm.",
        "en": ("I saw it too; it was really dangerous walking past last night."),
    },
    {
        "vi": "Chỗ này phản ánh mấy lần rồi mà vẫn vậy.",
        "en": "This has been reported several times already.",
    },
    {
        "vi": "Cảm ơn phường đã xử lý nhanh, sáng nay đi qua thấy sạch rồi.",
        "en": ("Thanks to the ward for acting fast; it was clean this morning."),
    },
    {
        "vi": "Nhà mình ở gần đó, xác nhận là đúng.",
        "en": "I live nearby and can confirm this.",
    },
    {
        "vi": "Đề nghị xử lý dứt điểm, đừng để tái diễn.",
        "en": "Please fix it for good so it doesn't come back.",
    },
    {
        "vi": "Sáng nay đèn sáng lại rồi, cảm ơn các anh.",
        "en": "The lights are back on this morning, thank you.",
    },
    {
        "vi": "Vẫn chưa sửa, tối nay vẫn tối om.",
        "en": "Still not fixed; it's still pitch dark tonight.",
    },
    {
        "vi": "Cuối tuần nào cũng vậy, mong công an để ý giúp.",
        "en": ("Every weekend it's the same; hope the police keep an eye on it."),
    },
    {
        "vi": "Trời mưa là ngập, năm nào cũng như năm nào.",
        "en": "Every time it rains it floods, year after year.",
    },
    {
        "vi": "Xử lý nhanh thật, chưa tới một ngày.",
        "en": "Really quick, less than a day.",
    },
    {
        "vi": "Hôm qua con mình suýt té ở đây.",
        "en": "My kid nearly fell here yesterday.",
    },
    {
        "vi": "Nên lắp camera ở điểm này để phạt người đổ rác.",
        "en": "A camera here would catch the people who dump rubbish.",
    },
    {
        "vi": "Đi qua đây lúc 6 giờ sáng vẫn thấy còn nguyên.",
        "en": "Passed by at 6 am and it's still there.",
    },
    {
        "vi": "Cảm ơn, vừa phản ánh là có người xuống liền.",
        "en": "Thanks, someone came as soon as it was reported.",
    },
    {
        "vi": "Chỗ ni nguy hiểm lắm, bà con đi đường cẩn thận nghe.",
        "en": "It's very dangerous here, everyone be careful.",
    },
    {
        "vi": "Mong cơ quan chức năng kiểm tra thêm các quán xung quanh.",
        "en": "Hope the authorities check the other places around here too.",
    },
    {
        "vi": "Ủng hộ phản ánh này!",
        "en": "Support this report!",
    },
    {
        "vi": "Đã sửa nhưng làm ẩu, mới mấy hôm lại hỏng.",
        "en": "Fixed, but badly; it broke again after a few days.",
    },
    {
        "vi": "Khách du lịch phàn nàn chuyện này nhiều lắm.",
        "en": "Tourists complain about this a lot.",
    },
    {
        "vi": "Nhà tôi cũng bị mất nước từ sáng.",
        "en": "Our house has had no water since morning too.",
    },
    {
        "vi": "Đội cây xanh làm việc rất nhanh, cảm ơn.",
        "en": "The tree crew was very fast, thank you.",
    },
    {
        "vi": "Tiếng ồn vẫn còn đến 12 giờ đêm qua.",
        "en": "The noise went on until midnight last night.",
    },
    {
        "vi": "Nên có biển cảnh báo tạm trong lúc chờ sửa.",
        "en": "There should be a warning sign while it waits for repair.",
    },
    {
        "vi": "Chỗ này gần trường học, mong xử lý sớm.",
        "en": "This is near a school, please fix it soon.",
    },
    {
        "vi": "Sáng nay thấy có người của phường xuống kiểm tra rồi.",
        "en": "Saw ward staff come to check this morning.",
    },
    {
        "vi": "Kết quả xử lý rõ ràng, cảm ơn đơn vị.",
        "en": "Clear answer, thank you.",
    },
    {
        "vi": "Chúng tôi cũng thấy y như vậy vào chiều hôm qua.",
        "en": "Me too, we saw the same thing yesterday evening.",
    },
    {
        "vi": "Bên kia đường cũng đang bị y như rứa.",
        "en": "Same thing across the street.",
    },
    {
        "vi": "Phạt nặng mới chừa được.",
        "en": "Only heavy fines will stop this.",
    },
    {
        "vi": "Mình là người báo, xác nhận đã xử lý xong. Cảm ơn!",
        "en": "I'm the reporter and I confirm it's done. Thanks!",
    },
]


# A hot issue the demo shows on the home page and the dashboard: one street flooding after a
# downpour, reported five times by different people within a few hours.
HOT_CLUSTER = {
    "ward": "19753",
    "category": "drainage",
    "texts": [
        "Mưa lớn từ sáng, đường Lê Huân ngập sâu gần nửa mét, xe máy chết máy hàng loạt.",
        "duong le huan ngap qua, cong thoat nuoc bi tac, nuoc khong rut duoc",
        "Nước ngập vào tận nhà dân ở kiệt 12 Lê Huân, đề nghị nạo vét cống gấp.",
        "The street near Le Huan is flooded knee-deep after the rain, cars cannot pass.",
        "ngập từ đầu đường tới cuối đường Lê Huân mn ơi, hố ga bị rác bịt kín r",
    ],
}
