"""Agency and year from the places reports name them (title, preamble, contact,
field table, signature and date), written in full the way the report writes them."""
import pytest

from model.meta import agency_and_year


@pytest.mark.parametrize("text,agency,year", [
    # A place alone in the title is its government; a 街道 is its 办事处.
    ("唐村镇2010年政府信息公开工作年度报告\n发布时间:2011-03-14\n一、概述\n2010年我镇信息公开工作…", "唐村镇人民政府", 2010),
    ("重庆市2020年政府信息公开工作年度报告\n2020年，重庆市坚持…", "重庆市人民政府", 2020),
    # "2011年度政府信息公开" never yields "度政府"; the contact office's body is the agency.
    ("现编制2011年度政府信息公开工作年度报告。该报告反映了本街道2011年度工作。如有疑问，请联系昌邑区文庙街道党政综合科，"
     "地址：吉林市。", "昌邑区文庙街道办事处", 2011),
    ("本年报中所列数据的统计期限自2018年1月1日起至2018年12月31日止。如对本年报有任何疑问，请与瑞安市政府信息公开办公室联系"
     "（地址：瑞安市万松东路154号）。", "瑞安市人民政府", 2018),
    ("如对本报告有任何疑问，请与平度市政府办公室政府信息公开领导小组办公室联系（地址：平度市长江路1号）。"
     "本报告中所列数据的统计期限自2012年1月1日起至2012年12月31日止。", "平度市人民政府办公室", 2012),
    # An abbreviation is written out as its 以下简称 gives it.
    ("现公布西安市雁塔区人民政府办公室（以下简称“区政府办公室”）2025年政府信息公开工作年度报告。\n一、总体情况\n"
     "2025年，区政府办公室深入贯彻落实《条例》。", "西安市雁塔区人民政府办公室", 2025),
    # 政府 of a place is its 人民政府.
    ("2015年武汉市硚口区政府信息公开工作年度报告\n来源:区政府办", "武汉市硚口区人民政府", 2015),
    # A cited notice's year and name are not the report's.
    ("根据《平潭综合实验区管委会办公室关于编制公布2021年政府信息公开工作年度报告有关事项的通知》要求，结合我局工作实际，"
     "现编制完成2022年度政府信息公开工作年度报告。如对本报告有疑问，请与平潭综合实验区经济发展局办公室联系（电话：0591）。",
     "平潭综合实验区经济发展局", 2022),
    # A title broken over lines after the year, a body ending in 委; a table attached under the body's name.
    # A usual short name is written in full (taxonomy "bodies"), one name for the body across its years.
    ("正文\n2024 年上海市科委政府信息公开工作\n年度报告\n根据《条例》，市科委编制了本报告。", "上海市科学技术委员会", 2024),
    ("柳江市国资委2019年政府信息公开工作年度报告\n一、总体情况", "柳江市人民政府国有资产监督管理委员会", 2019),
    ("2024年，省国动办认真贯彻落实《条例》。", "省国防动员办公室", 2024),
    ("我局公布2017年度政府信息公开有关工作情况。\n一、概述\n本年度无收费。\n"
     "平潭综合实验区交通与建设局2017年政府信息公开情况统计表.xls", "平潭综合实验区交通与建设局", 2017),
    # The report's own title quoted after 现发布 is a title.
    ("根据《中华人民共和国政府信息公开条例》要求，现发布《临洮县新添镇2022年政府信息公开工作年度报告》。",
     "临洮县新添镇人民政府", 2022),
    # A page's field table: the 发布机构 column of the row under the header.
    ("索引号 | 公开方式 | 发布机构 |\n116223010139324488/2010-00023 | 主动公开 | 凉州区张义镇人民政府 |\n"
     "特向社会公布2009年度本机关信息公开年度报告。", "凉州区张义镇人民政府", 2009),
    # A short name the report writes in full elsewhere.
    ("编制并向社会公布邓南街2021年度政府信息公开工作年度报告。完成了《邓南街道办事处政府信息公开指南》。",
     "邓南街道办事处", 2021),
    # Traditional characters (a machine-converted mirror) are read as simplified.
    ("瀏覽次數:次\n西安市閻良區機關事務服務中心\n政府信息公開工作2021年度報告\n一、總體情況", "西安市阎良区机关事务服务中心", 2021),
    # The compiler named in full (a 街道 of a 区, written without the 区's 人民政府); the title in 《》 after 编制完成;
    # a 街道's title, whose 政府 is the 政府 of 政府信息公开.
    ("本报告是根据《条例》要求，由北京市东城区人民政府东华门街道办事处编制的2011年度政府信息公开年度报告。",
     "北京市东城区东华门街道办事处", 2011),
    ("根据《条例》和上级相关文件要求，编制完成《苍溪县乡村振兴局2023年政府信息公开工作年度报告》，所列数据自2023年1月1日起。",
     "苍溪县乡村振兴局", 2023),
    # A notice publishing the report names the report's body after 关于印发; a title after a page's 标题：;
    # a 厅's signature above its date.
    ("南京市鼓楼区人民政府办公室关于印发鼓楼区2022年政府信息公开工作年度报告的通知\n各街道办事处：现将报告印发给你们。",
     "鼓楼区人民政府", 2022),
    ("标题：郑州市金水区人民政府2023年政府信息公开工作年度报告\n索引号：xxx", "郑州市金水区人民政府", 2023),
    ("关于2021年度政府信息公开工作年度报告\n我局严格按照《条例》要求推进工作。\n\n湖南省交通运输厅\n2022年1月20日",
     "湖南省交通运输厅", 2021),
    # The government's office compiling the reports of its parts writes the government's report.
    ("本年度报告是根据《条例》要求，由城中区人民政府办公室综合区政府各镇办、各部门的工作情况编制而成。全文包括总体情况。",
     "城中区人民政府", None),
    ("2021年迎宾路街道政府信息公开工作年度报告\n迎宾路街道办事处\n2022年01月18日", "迎宾路街道办事处", 2021),
    # A page header naming the portal names the body that runs it; the body that explains the report.
    ("安顺市人民政府门户网站\n2019年度政府信息公开工作年度报告\n一、总体情况", "安顺市人民政府", 2019),
    ("本年度报告依据《条例》编制，由襄阳市樊城区屏襄门街道办事处负责解释。统计期限自2016年1月1日起。",
     "襄阳市樊城区屏襄门街道办事处", 2016),
    # A township government's office answers for the township; the body whose year a report sums up.
    ("如对本年度报告有疑问，请与临河区干召庙镇人民政府办公室联系（电话：0478-8745550）。本报告统计期限自2025年1月1日起。",
     "临河区干召庙镇人民政府", 2025),
    ("本报告依据《条例》编制，全面总结西宁市城中区人民政府礼让街街道办事处2025年政府信息公开工作情况。",
     "西宁市城中区礼让街街道办事处", 2025),
    ("由石江乡单位办公室编制，本年度报告中所列数据统计期限自2021年1月1日至2021年12月31日止。", "石江乡人民政府", 2021),
    # The body whose year of work the report was compiled from.
    ("根据有关规定，特向社会公布我局2010年度信息公开工作年度报告。", None, 2010),
    ("结合2019年宁远县教育局政府信息公开工作情况，编制本报告。", "宁远县教育局", 2019),
    ("根据《条例》和上级要求，编写沙阳县2017年度政府信息公开工作年度报告。全文由概述等八部分组成。", "沙阳县人民政府", 2017),
    # The body after who led its work; a page's 发文机关 field.
    ("一、概述\n2016年，在县委、县政府的正确领导下，县统计局认真贯彻落实《条例》。", "县统计局", 2016),
    ("发文机关：宁远市财政局\n成文日期：2020-01-10\n标题：2019年度政府信息公开工作年度报告", "宁远市财政局", 2019),
    # A mirror's pinyin notes inside the title's name; a township as the compiler; the year after 信息公开.
    ("連江縣審計(jì)局2011年政府信息公開工作年度報(bào)告\n根據(jù)《條例》的規(guī)定", "连江县审计局", 2011),
    ("本年报是根据《条例》有关规定，由绍兴县福全镇编制的2011年度政府信息公开年度报告。", "绍兴县福全镇人民政府", 2011),
    ("根据《条例》的要求，现公开来凤经济开发区信息公开2018年度报告。本报告由概述等六部分组成。", "来凤经济开发区管理委员会", 2018),
    # A 街道's Party committee beside its office; a bonded zone is run by its 管理委员会.
    ("一、总体情况\n2025年，新开河街道党工委、办事处按照区委、区政府的统一部署推进公开。", "新开河街道办事处", 2025),
    ("天津港保税区2022年度政府信息公开工作报告\n一、总体情况", "天津港保税区管理委员会", 2022),
    ("泉州经济技术开发区管委会2025年政府信息公开工作年度报告\n一、总体情况", "泉州经济技术开发区管理委员会", 2025),
    ("平潭综合实验区管委会办公室2023年政府信息公开工作年度报告\n一、总体情况", "平潭综合实验区管理委员会办公室", 2023),
    ("根据《条例》，结合2023年杭州市滨江区长河街道各科室的信息公开工作实际情况编制本报告。", "杭州市滨江区长河街道办事处", 2023),
    # The year before a township's name in the title; a 街道's office as the opening's subject; 年度 before a name.
    ("根据有关规定，现向社会公布2022年卯都乡信息公开工作年度报告。统计期限自2022年1月1日至12月31日。", "卯都乡人民政府", 2022),
    ("一、总体情况\n（一）主动公开政府信息情况\n2025年和平街道办事处通过铁东区门户网站公开信息65条。", "和平街道办事处", 2025),
    ("本年度报告要求，汇总2016年度溶江乡政府的政务公开年度报告编制而成。统计期限自2016年1月1日起。我乡认真贯彻《条例》。"
     "溶江乡未收取费用。",
     "溶江乡人民政府", 2016),
    # 编写 as 编制; a 街办 (街道办事处) whose 政府 is the 政府 of 政府信息公开; 发展改革委 in full.
    ("本年报是根据《条例》规定，由西宁市城中区生态环境局编写了2022年度政府信息公开工作年度报告。", "西宁市城中区生态环境局", 2022),
    ("根据《条例》规定，现公开2022年东岳路街办政府信息公开工作年度报告。", "东岳路街道办事处", 2022),
    ("本年度报告由天津市发展改革委编制，对全委2021年度的政府信息公开工作进行了梳理总结。", "天津市发展和改革委员会", 2021),
    ("本年报是根据《条例》要求，由温州空港新区管委会编制的2017年度政府信息公开年度报告。", "温州空港新区管理委员会", 2017),
    # A 联合社 (供销合作社) is a body too (w813's contact).
    ("统计期限自2016年1月1日起至2016年12月31日止。如对本报告有任何疑问,请联系龙湾区供销合作社联合社(联系地址:温州市)。",
     "龙湾区供销合作社联合社", 2016),
    # The body after whose requirements it worked; the year's 工作情况 a report publishes under the body's name.
    ("根据《条例》，按照市政务公开办2019年政务公开总体工作要求,抚顺市公安局以服务群众为宗旨，积极开展各项政务公开工作。"
     "所列数据为2019年1月1日至2019年12月31日。",
     "抚顺市公安局", 2019),
    ("认真贯彻落实《条例》的具体要求,现向社会公布2022年度巴彦淖尔市财政局政府信息公开工作情况。\n一、总体情况",
     "巴彦淖尔市财政局", 2022),
    # The opening's subject acting (坚决贯彻).
    ("一、总体情况\n2025年,佳木斯市生态环境局坚决贯彻落实《条例》,积极主动做好政府信息公开工作。", "佳木斯市生态环境局", 2025),
    # A body's office as the page's publisher publishes the body's report.
    ("索引号: | 330726/2023-47992 | 发布机构: | 县卫健局办公室 | |\n一、总体情况\n2022年度报告。如对报告内容有疑问,"
     "请与浦江县卫健局办公室联系(地址:浦江县人民东路38号)。", "浦江县卫生健康局", 2022),
    # The body acting since the regulations took effect; the body opening the overview; a centre's office is the centre.
    ("一、政府信息公开工作概述\n自《条例》实施以来,县统计局高度重视政府信息公开工作。统计期限自2011年1月1日起。", "县统计局", 2011),
    ("一、总体情况\n良渚街道认真贯彻落实《条例》,推进公开。统计期限自2021年1月1日起。", "良渚街道办事处", 2021),
    ("如对本报告有疑问,请与临沂市公路事业发展中心办公室联系(电话:0539)。统计期限自2021年1月1日起。",
     "临沂市公路事业发展中心", 2021),
    # A heading's 要求 ("明确要求，工作目标积极落实") names no body.
    ("2012年度政府信息公开工作\n(一)加强领导,明确要求,工作目标积极落实\n区政府高度重视政府信息公开工作。", None, 2012),
])
def test_agency_and_year_from_the_places_reports_name_them(text, agency, year):
    assert agency_and_year(text) == (agency, year)


def test_year_from_the_date_of_writing_and_furniture_never_a_body():
    text = "字体大小 背景色 打印本页 关闭窗口\n一、概述\n我镇认真贯彻《条例》，主动公开政府信息21条。\n二〇一四年一月二十日"
    assert agency_and_year(text.replace("二〇一四年一月二十日", "2014年1月20日")) == (None, 2013)
    assert agency_and_year(text) == (None, 2013)  # the date written in Chinese numerals
    assert agency_and_year("二〇二一年度某镇人民政府政府信息公开工作年度报告") == ("某镇人民政府", 2021)
    # Published in the second half of a year: no guess.
    assert agency_and_year(text.replace("二〇一四年一月二十日", "2014年9月20日")) == (None, None)


def test_year_from_the_end_of_year_state_and_an_opening_sentence():
    assert agency_and_year("根据《规定》要求，2004年5月1日起本区政府开始开展政府信息公开工作。截至2012年底，本区政府信息公开"
                           "工作运行正常。")[1] == 2012
    assert agency_and_year("一、总体情况\n2022年我局严格按照《条例》要求，全面推进政务公开。")[1] == 2022
    # A date is not the year a sentence opens with.
    assert agency_and_year("一、总体情况\n2019年9月，国务院修订《条例》。我局认真贯彻。")[1] is None


def test_names_and_titles_a_pdf_wrap_cut_are_read_joined():
    text = ("依据《中华人民共和国政府信息公开条例》规定和《年度报告格式》要求，现公开西安市临潼区人民政府办\n\n"
            "公室2025年政府信息公开工作年度报告，本报告所列数据的统计期\n\n限自2025年1月1日至2025年12月31日。")
    assert agency_and_year(text) == ("西安市临潼区人民政府办公室", 2025)
    # A page's field line is not joined to the title under it.
    fields = "发文日期: 2021-01-30 发布机构: 中埠镇人民政府\n\n中埠镇人民政府2020年政府信息公开工作年度报告"
    assert agency_and_year(fields) == ("中埠镇人民政府", 2020)
    # Wraps at a short line: a title's last words, a year and a name in the opening, a contact after a colon.
    assert agency_and_year("2023年上海市黄浦区人民政府打浦桥街道办事处\n政府信息公开工\n\n作年度报告\n2023年，按照市、区政府的"
                           "统一部署推进。")[0] == "上海市黄浦区打浦桥街道办事处"
    assert agency_and_year("编制此报告。\n一、概述\n201\n\n5年，眉山市按照国务院、省政府工作要求，认真贯彻执行《条例》。") == \
        ("眉山市人民政府", 2015)
    assert agency_and_year("如对本报告有疑问，请联系：硚口区退役军人事务局，地址：硚口区集贤路特1号。统计期限自2025年1月1日起。")[0] \
        == "硚口区退役军人事务局"


def test_a_flattened_page_whose_headings_run_into_the_text():
    text = ("本报告依据《条例》要求编制。报告全文包括总体情况等。 一、总体情况2022年,襄州区人民政府坚持以人民为中心，"
            "深入推进政务公开。")
    assert agency_and_year(text) == ("襄州区人民政府", 2022)
    assert agency_and_year("浏览次数:次 西安市阎良区机关事务服务中心 政府信息公开工作2021年度报告一、总体情况") == \
        ("西安市阎良区机关事务服务中心", 2021)
    assert agency_and_year("一、总体情况2022年我局严格按照《条例》要求，全面推进政务公开。")[1] == 2022


def test_a_body_no_place_names_is_the_place_the_report_calls_itself():
    text = ("一、总体情况\n2021年我镇严格执行《条例》，二是将玉峰镇人民政府预算决算在大英县人民政府网站公开。"
            "我镇还通过公示栏公开信息。")
    assert agency_and_year(text)[0] == "玉峰镇人民政府"
    # A department says 我县 of the county it serves: no guess from the place.
    assert agency_and_year("一、总体情况\n我局认真贯彻《条例》。我县教育系统通过大英县人民政府网站公开信息。我县…")[0] is None
    # Two towns named as often: no guess.
    assert agency_and_year(text + "与河边镇人民政府交流。")[0] is None
    # Named only where a predicate follows, with 本单位 (any body's word for itself): its government.
    assert agency_and_year("一、概述\n我乡成立了领导小组。本单位未发生复议。2019年,青石乡未收取任何费用。")[0] == \
        "青石乡人民政府"
    # A city calling itself 我市 is named by its portal's column; "1月1日起本区" names no 区.
    assert agency_and_year("一、概述\n我市在“临江市政府信息公开专栏”发布信息。我市继续推进公开。")[0] == "临江市人民政府"
    assert agency_and_year("数据自2019年1月1日起本区统计。我区继续推进公开。")[0] is None
    # A place named after a verb of means (依托镇政府便民服务大厅) is no name.
    assert agency_and_year("一、总体情况\n我镇升级线下受理阵地。依托镇政府便民服务大厅开展工作。我镇继续推进公开。")[0] is None
    # Nor one after 请 (请与乡政府信息公开工作领导小组办公室联系, w4709) or 结合 (结合市政府办《关于…》, w3601).
    assert agency_and_year("一、概述\n我市推进公开。根据有关规定,结合市政府办《关于做好年报的通知》编制。我市继续推进公开。")[0] is None
    assert agency_and_year("一、概述\n我乡推进公开。如有疑问,请与乡政府信息公开工作领导小组办公室联系。我乡继续推进公开。")[0] is None
    # Nor one after 共 (共刊登区政府文件19件, w1719); 共青城 is a city.
    assert agency_and_year("一、总体情况\n2023年,我区依托区政府门户网站公开信息,共刊登区政府文件19件。我区继续推进公开。")[0] is None
    assert agency_and_year("一、总体情况\n我市推进公开。2023年,共青城市政府门户网站公开信息。我市继续推进公开。")[0] == "共青城市人民政府"


def test_a_contact_office_of_the_governments_disclosure_work_is_the_governments():
    text = "如对本报告有疑问,请与茂县人民政府信息公开工作办公室联系(地址:茂县凤仪镇)。"
    assert agency_and_year(text)[0] == "茂县人民政府"
    # A 科 of a body's office is the office's.
    text = "统计期限为2022年1月1日至2022年12月31日,如有疑问请联系永泰县人民政府办公室数字信息科(地址:永泰县樟城镇)。"
    assert agency_and_year(text)[0] == "永泰县人民政府办公室"


def test_the_opening_names_no_body_after_a_preposition_and_a_short_name_is_written_in_full():
    assert agency_and_year("一、总体情况2022年，在区管委会办公室和省公安厅政府信息公开工作领导小组的指导下，我局…")[0] is None
    text = ("如对本报告有任何疑问，请与平潭综合实验区经济发展局办公室联系（联系地址：金井）。"
            "一、总体情况2022年，区经济发展局认真贯彻《条例》。")
    assert agency_and_year(text)[0] == "平潭综合实验区经济发展局"
    # 住房城乡建设局 is the usual short form of 住房和城乡建设局.
    assert agency_and_year("2022年，在市委、市政府的正确领导下，市住房城乡建设局认真贯彻落实《条例》。")[0] == "市住房和城乡建设局"


def test_a_street_office_named_by_its_short_name_is_its_office():
    # Tianjin's and Wuhan's 街道 call themselves X街 (w3601, w4713), some reports 街办事处 or 街政府 (w3014, w3415).
    assert agency_and_year("佳荣里街2021年政府信息公开工作年度报告\n一、总体情况")[0] == "佳荣里街道办事处"
    assert agency_and_year("西青区西营门街2019年政府信息公开工作年度报告\n一、总体情况")[0] == "西青区西营门街道办事处"
    assert agency_and_year("乌兰浩特市新城街办事处2022年政府信息公开工作年度报告")[0] == "乌兰浩特市新城街道办事处"
    assert agency_and_year("一、总体情况\n2024年，沌口街政府认真贯彻《条例》。")[0] == "沌口街道办事处"
    # The words before the name are no part of it.
    assert agency_and_year("编制并向社会公布邓南街2021年度政府信息公开工作年度报告。")[0] == "邓南街道办事处"


def test_a_body_acting_on_its_instructions_and_a_supply_cooperative_are_named():
    # "2019年度，科右前旗索伦镇根据…通知要求，认真开展…" (w1513): the body that acts on them.
    assert agency_and_year("一、工作概述\n2019年度，科右前旗索伦镇根据自治区政务公开领导小组办公室的通知要求，认真开展工作。")[0] == \
        "科右前旗索伦镇人民政府"
    # A county's 供销联社 compiling its report (w4805), named in full.
    assert agency_and_year("本报告根据《条例》的要求，由宜城市供销联社结合工作实际编制。")[0] == "宜城市供销合作社联合社"
